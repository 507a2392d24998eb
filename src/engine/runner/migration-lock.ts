import type { Queryable } from '../inspect/queryable';

/** "dbMg": the first half of every db-manage advisory lock key, so we never meet an app's keys. */
export const LOCK_NAMESPACE = 0x64624d67;

/** The lock that serialises runs on one history table: stable across processes and versions. */
export function migrationLockKey(qualifiedHistoryTable: string): readonly [number, number] {
  // FNV-1a, folded into PostgreSQL's signed int4.
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(qualifiedHistoryTable, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return [LOCK_NAMESPACE, hash | 0];
}

export interface MigrationLockOptions {
  readonly key: readonly [number, number];
  /** Called once when another run holds the lock, before blocking on it. */
  readonly onWait?: () => void;
  /** Called when the lock could not be released; the caller should discard the session. */
  readonly onReleaseFailed?: (err: unknown) => void;
}

/**
 * Runs `fn` holding a session-level advisory lock on `runner`'s one connection. The lock
 * lives as long as that session, so a crashed run can never leave it behind, and it is
 * taken before anything else (even creating the history table) so two runs never race.
 */
export async function withMigrationLock<T>(runner: Queryable, fn: () => Promise<T>, options: MigrationLockOptions): Promise<T> {
  const [a, b] = options.key;
  const tried = (await runner.query('SELECT pg_try_advisory_lock($1, $2) AS "locked"', [a, b])) as { locked: boolean }[];
  if (!tried[0].locked) {
    options.onWait?.();
    await runner.query('SELECT pg_advisory_lock($1, $2)', [a, b]);
  }
  try {
    return await fn();
  } finally {
    try {
      await runner.query('SELECT pg_advisory_unlock($1, $2)', [a, b]);
    } catch (err) {
      // Never mask fn's own error; the session ends and takes the lock with it.
      options.onReleaseFailed?.(err);
    }
  }
}
