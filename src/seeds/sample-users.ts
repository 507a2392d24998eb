import { UserRole } from '../entities';

/** The sample logins every developer can rely on. */
export const SAMPLE_PASSWORD = 'Password123!';

export const SAMPLE_USERS: readonly { username: string; email: string; role: UserRole }[] = [
  { username: 'admin', email: 'admin@example.com', role: UserRole.Admin },
  { username: 'john_doe', email: 'john@example.com', role: UserRole.Member },
  { username: 'jane_smith', email: 'jane@example.com', role: UserRole.Member },
  { username: 'test_user', email: 'test@example.com', role: UserRole.Member },
];
