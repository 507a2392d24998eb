import type { DataSource, QueryRunner } from 'typeorm';
import type { RunnerProgress } from '../runner/run-types';
import { endSessionWithClient } from '../runner/dead-client-check';
import { historyStore } from '../runner/history-store';
import { migrationLockKey, withMigrationLock } from '../runner/migration-lock';
import { WAITING_NOTICE } from '../runner/runner-session';
import { DbManageError } from '../errors/db-manage-error';
import type { LockHolder } from '../runner/lock-holder';
import { isLockTimeout, lockTimeoutError, watchBlockers, type BlockingSession } from './lock-blocker';

export interface BoundedSessionOptions {
  /** The command, for the message: "reset", "reset-table", … */
  readonly action: string;
  /** A PostgreSQL duration, as resolveLockTimeout gives it ("5s", "500ms"). */
  readonly lockTimeout: string;
  /** Hold the migration lock throughout: for every command that changes the schema or the history. */
  readonly migrationLock?: boolean;
  readonly onProgress?: RunnerProgress;
}

const UNIT_MS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

export function durationMs(duration: string): number {
  const match = /^(\d+(?:\.\d+)?)(us|ms|s|min|h|d)$/.exec(duration);
  return match ? Number(match[1]) * UNIT_MS[match[2]] : 5000;
}

/** Ends the session when its state is in doubt (a transaction or the lock may linger); returns it otherwise. */
async function release(runner: QueryRunner, broken: boolean): Promise<void> {
  const internals = runner as unknown as { releasePostgresConnection?: (err: unknown) => Promise<void> };
  if (broken && internals.releasePostgresConnection) await internals.releasePostgresConnection(new Error('discarded'));
  else await runner.release();
}

/**
 * One dedicated session for a destructive command, where every wait is bounded: each
 * statement (and the wait for the migration lock) gives up after `lockTimeout`, and the
 * error names the session that held the lock. The server ends the session by itself if
 * the client dies (client_connection_check_interval), so a killed CLI leaves no DROP
 * queued behind an application's transaction.
 */
/** A run holding the migration lock, in the words of a session blocking a lock. */
function asBlocker(h: LockHolder): BlockingSession {
  return { pid: h.pid, application: h.applicationName ?? '', user: h.user ?? '', state: h.state ?? '', queryStart: null, xactStart: null, query: h.query ?? '' };
}

export async function withBoundedSession<T>(ds: DataSource, options: BoundedSessionOptions, fn: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  let broken = false;
  let watch: ReturnType<typeof watchBlockers> | null = null;
  try {
    await runner.connect();
    await endSessionWithClient(runner);
    await runner.query(`SELECT set_config('lock_timeout', $1, false)`, [options.lockTimeout]);
    const pid = Number(((await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[])[0].pid);
    watch = watchBlockers(ds, pid, Math.min(250, durationMs(options.lockTimeout) / 4));
    const work = async () => {
      try {
        return await fn(runner);
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => (broken = true));
      }
    };
    if (!options.migrationLock) return await work();
    return await withMigrationLock(runner, work, {
      key: migrationLockKey(historyStore(ds).history.qualified),
      onWait: () => options.onProgress?.({ kind: 'notice', message: WAITING_NOTICE }),
      onReleaseFailed: () => (broken = true),
      // The lock is polled for, so lock_timeout does not bound this wait: the same timeout does.
      waitMs: durationMs(options.lockTimeout),
    });
  } catch (err) {
    if (err instanceof DbManageError && err.code === 'lock-timeout') {
      const holders = ((err.details as { holders?: LockHolder[] } | undefined)?.holders ?? []).map(asBlocker);
      throw lockTimeoutError(options.action, options.lockTimeout, holders, err);
    }
    if (isLockTimeout(err)) throw lockTimeoutError(options.action, options.lockTimeout, watch?.last() ?? [], err);
    throw err;
  } finally {
    watch?.stop();
    await release(runner, broken).catch(() => undefined);
  }
}

/** Runs `fn` in a transaction on the session: everything it does commits together or not at all. */
export async function inRunnerTransaction<T>(runner: QueryRunner, fn: () => Promise<T>): Promise<T> {
  await runner.startTransaction();
  try {
    const value = await fn();
    await runner.commitTransaction();
    return value;
  } catch (err) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw err;
  }
}
