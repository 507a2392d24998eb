import { DbManageError } from '../errors/db-manage-error';
import type { Queryable } from '../inspect/queryable';

/** A session that holds a lock another one waits for, as pg_stat_activity describes it. */
export interface BlockingSession {
  readonly pid: number;
  readonly application: string;
  readonly user: string;
  readonly state: string;
  /** When its current (or last) statement started, and its transaction. */
  readonly queryStart: Date | null;
  readonly xactStart: Date | null;
  readonly query: string;
}

const BLOCKERS = `
  SELECT a.pid, COALESCE(a.application_name, '') AS application, COALESCE(a.usename::text, '') AS user,
         COALESCE(a.state, '') AS state, a.query_start AS "queryStart", a.xact_start AS "xactStart",
         left(regexp_replace(COALESCE(a.query, ''), '\\s+', ' ', 'g'), 80) AS query
  FROM pg_stat_activity a WHERE a.pid = ANY(pg_blocking_pids($1)) ORDER BY a.xact_start NULLS LAST, a.pid`;

/** The sessions `pid` waits for right now (none when it waits for nothing). */
export async function blockingSessions(db: Queryable, pid: number): Promise<BlockingSession[]> {
  return ((await db.query(BLOCKERS, [pid])) as BlockingSession[]).map((b) => ({ ...b, pid: Number(b.pid) }));
}

/**
 * Watches `pid` from another connection while it works, remembering who last blocked
 * it: once the lock wait times out the waiter is gone from pg_locks, so the question
 * "who held the lock" can only be answered while it still waits.
 */
export function watchBlockers(db: Queryable, pid: number, everyMs: number): { last(): readonly BlockingSession[]; stop(): void } {
  let last: BlockingSession[] = [];
  let busy = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (busy || stopped) return;
    busy = true;
    blockingSessions(db, pid)
      .then((found) => {
        if (found.length > 0) last = found;
      })
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, Math.max(20, everyMs));
  timer.unref();
  return { last: () => last, stop: () => ((stopped = true), clearInterval(timer)) };
}

const LOCK_NOT_AVAILABLE = '55P03';

/** Whether `err` (or what it wraps: a TypeORM QueryFailedError, a DbManageError's cause) is a lock timeout. */
export function isLockTimeout(err: unknown): boolean {
  for (let e = err as { code?: unknown; driverError?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 6; depth++) {
    if (e.code === LOCK_NOT_AVAILABLE) return true;
    const driver = e.driverError as { code?: unknown } | undefined;
    if (driver?.code === LOCK_NOT_AVAILABLE) return true;
    e = e.cause as typeof e;
  }
  return false;
}

const clock = (d: Date | null) => (d ? `${new Date(d).toISOString().slice(11, 19)} UTC` : 'an unknown time');

/** "session 4242 (application psql, user app, idle in transaction since 21:50:03 UTC, last query: UPDATE …)". */
export function describeBlocker(b: BlockingSession): string {
  const since = b.state === 'active' ? `active since ${clock(b.queryStart)}` : `${b.state || 'state unknown'} since ${clock(b.queryStart)}`;
  const parts = [`application ${b.application ? JSON.stringify(b.application) : '(none)'}`, `user ${b.user || '(unknown)'}`, since];
  if (b.xactStart) parts.push(`transaction open since ${clock(b.xactStart)}`);
  if (b.query) parts.push(`${b.state === 'active' ? 'running' : 'last query'}: ${b.query}`);
  return `session ${b.pid} (${parts.join(', ')})`;
}

/** The one line a lock timeout becomes: who held the lock, what to do; nothing was changed. */
export function lockTimeoutError(action: string, timeout: string, blockers: readonly BlockingSession[], cause: unknown): DbManageError {
  const who =
    blockers.length === 0
      ? 'another session (it let go before it could be named)'
      : `${describeBlocker(blockers[0])}${blockers.length > 1 ? ` and ${blockers.length - 1} more` : ''}`;
  const end = blockers.length > 0 ? `Commit or end it (SELECT pg_terminate_backend(${blockers[0].pid})), ` : 'Try again, ';
  return new DbManageError('lock-timeout', `${action} gave up after waiting ${timeout} for a lock held by ${who}`, {
    cause,
    hint: `${end}or wait longer with --lock-timeout (or DB_MANAGE_LOCK_TIMEOUT). Nothing was changed`,
    details: { timeout, blockers },
  });
}
