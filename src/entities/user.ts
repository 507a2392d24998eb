import { Column, Entity } from 'typeorm';
import { BaseModel } from './base-model';

export enum UserRole {
  Admin = 'admin',
  Member = 'member',
}

@Entity('users')
export class User extends BaseModel {
  @Column({ type: 'varchar', length: 80, unique: true })
  username: string;

  @Column({ type: 'varchar', length: 120, unique: true })
  email: string;

  // No explicit type: the column type comes from decorator metadata (varchar).
  @Column()
  passwordHash: string;

  @Column({ default: true })
  isActive: boolean;

  @Column({ type: 'enum', enum: UserRole, enumName: 'user_role', default: UserRole.Member })
  role: UserRole;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
