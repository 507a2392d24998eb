import { DbManageError } from '../errors/db-manage-error';
import type { Queryable } from '../inspect/queryable';
import { lockHolders, describeHolder } from './lock-holder';

/** "dbMg": the first half of every db-manage advisory lock key, so we never meet an app's keys. */
export const LOCK_NAMESPACE = 0x64624d67;

/** How long a run waits for another run's lock before it gives up and names the holder. */
export const DEFAULT_LOCK_WAIT_MS = 10 * 60_000;

/** How often a waiting run asks again: short statements, so a server's statement_timeout never cancels the wait. */
const POLL_MS = 100;

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
  /** Called once when another run holds the lock, before waiting for it. */
  readonly onWait?: () => void;
  /** Called when the lock could not be released; the caller should discard the session. */
  readonly onReleaseFailed?: (err: unknown) => void;
  /** Gives up after this long (default 10 minutes), naming the session that holds the lock. */
  readonly waitMs?: number;
  /** What the lock guards, for the timeout message ("the migration history"). */
  readonly what?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function tryLock(runner: Queryable, [a, b]: readonly [number, number]): Promise<boolean> {
  const rows = (await runner.query('SELECT pg_try_advisory_lock($1, $2) AS "locked"', [a, b])) as { locked: boolean }[];
  return rows[0].locked;
}

/**
 * Waits for the lock by asking again and again rather than blocking in pg_advisory_lock:
 * a server-side statement_timeout cannot cancel the wait (H17), the wait is bounded by our
 * own clock, and a run killed while waiting leaves no statement waiting on the server.
 */
async function waitForLock(runner: Queryable, options: MigrationLockOptions): Promise<void> {
  // The server's statement_timeout (set on the database or role) bounds statements, not our wait:
  // lift it while waiting, so even a slow poll is never cancelled, and put it back after.
  const rows = (await runner.query(`SELECT current_setting('statement_timeout') AS "value"`)) as { value: string }[];
  const previous = rows[0].value;
  if (previous !== '0') await runner.query(`SELECT set_config('statement_timeout', '0', false)`);
  try {
    await pollForLock(runner, options);
  } finally {
    if (previous !== '0') await runner.query(`SELECT set_config('statement_timeout', $1, false)`, [previous]);
  }
}

async function pollForLock(runner: Queryable, options: MigrationLockOptions): Promise<void> {
  if (await tryLock(runner, options.key)) return;
  options.onWait?.();
  const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
    if (await tryLock(runner, options.key)) return;
  }
  const holders = await lockHolders(runner, options.key).catch(() => []);
  const who = holders.length > 0 ? holders.map(describeHolder).join('; ') : 'a session that has since ended';
  const seconds = Math.round(waitMs / 1000);
  throw new DbManageError('lock-timeout', `waited ${seconds} s for ${options.what ?? 'the migration lock'}, held by ${who}`, {
    hint: holders.length > 0
      ? `Wait for that run to finish and try again; if it is stuck, end it with SELECT pg_terminate_backend(${holders[0].pid})`
      : 'Run the command again',
    details: { holders, waitedMs: waitMs },
  });
}

/**
 * Runs `fn` holding a session-level advisory lock on `runner`'s one connection. The lock
 * lives as long as that session, so a crashed run can never leave it behind, and it is
 * taken before anything else (even creating the history table) so two runs never race.
 */
export async function withMigrationLock<T>(runner: Queryable, fn: () => Promise<T>, options: MigrationLockOptions): Promise<T> {
  const [a, b] = options.key;
  await waitForLock(runner, options);
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
