import { randomBytes, randomInt } from 'node:crypto';

const FIRST = [
  'olivia', 'liam', 'emma', 'noah', 'amelia', 'oliver', 'sophia', 'elijah', 'mia', 'lucas', 'ava', 'mateo', 'isabella', 'levi',
  'luna', 'ethan', 'aisha', 'yuki', 'chen', 'priya', 'omar', 'fatima', 'ivan', 'sofia', 'diego', 'zara', 'kofi', 'ingrid', 'hana', 'raj',
];
const LAST = [
  'smith', 'johnson', 'garcia', 'miller', 'davis', 'martinez', 'lopez', 'wilson', 'anderson', 'thomas', 'taylor', 'moore', 'nguyen',
  'kim', 'patel', 'mueller', 'rossi', 'tanaka', 'kowalski', 'okafor', 'haddad', 'silva', 'novak', 'jensen', 'murphy', 'dubois',
];
const DOMAINS = ['example.com', 'example.net', 'example.org'];

export interface RealisticUser {
  readonly username: string;
  readonly email: string;
  readonly isActive: boolean;
  readonly lastLoginAt: Date | null;
}

/** A plausible user: a real-looking name, a unique suffix, mostly active, last seen within 90 days. */
export function realisticUser(now = Date.now()): RealisticUser {
  const first = FIRST[randomInt(FIRST.length)];
  const last = LAST[randomInt(LAST.length)];
  // 8 hex characters: 4 billion values, so thousands of users never collide in practice.
  const suffix = randomBytes(4).toString('hex');
  const neverLoggedIn = randomInt(10) === 0;
  return {
    username: `${first}.${last}.${suffix}`,
    email: `${first}.${last}.${suffix}@${DOMAINS[randomInt(DOMAINS.length)]}`,
    isActive: randomInt(10) !== 0,
    lastLoginAt: neverLoggedIn ? null : new Date(now - randomInt(90 * 24 * 3600) * 1000),
  };
}
