import type { DataSource, EntityManager } from 'typeorm';

/** A login the seed created, printed after seeding (outside production only). */
export interface SampleCredential {
  readonly username: string;
  readonly email: string;
  readonly password: string;
  readonly role?: string;
}

/** What a seed module gets: its transaction, the run's parameters and shared helpers. */
export interface SeedContext {
  /** Bound to this module's transaction: a failing module leaves nothing behind. */
  readonly manager: EntityManager;
  readonly dataSource: DataSource;
  /** NODE_ENV=production; seeds may skip sample logins there. */
  readonly production: boolean;
  /** `seed --users N`: extra realistic users wanted (0 when not asked for). */
  readonly extraUsers: number;
  /** bcrypt, cost 10, on bcrypt's thread pool (never the event loop). */
  hashPassword(plain: string): Promise<string>;
  /** Hashes many concurrently, as many at a time as the thread pool runs. */
  hashPasswords(plains: readonly string[]): Promise<string[]>;
  /** Shows a line of progress (e.g. "hashed 300/1000"). */
  progress(message: string): void;
  /** Records a login to print once seeding is done. */
  credential(c: SampleCredential): void;
}

/** How many rows a module created, and how many were already there (seeds are idempotent). */
export interface SeedResult {
  readonly created: number;
  readonly existing: number;
  /** What was counted, e.g. "users". */
  readonly unit?: string;
  /** Set when the module had nothing to do by design, saying why (e.g. "no --users given"). */
  readonly skipped?: string;
}

/** One seed module: `src/seeds/index.ts` exports an array of these, run in order. */
export interface SeedModule {
  readonly name: string;
  run(ctx: SeedContext): Promise<SeedResult>;
}

/** Typed identity, so a seed file gets checking and completion without importing types. */
export function defineSeed(seed: SeedModule): SeedModule {
  return seed;
}
