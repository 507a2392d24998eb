import type { DataSource, QueryRunner } from 'typeorm';
import { buildHistory } from '../revisions/build-history';
import { assertDistinctRevisions } from '../revisions/distinct-revisions';
import type { HistoryView } from '../revisions/revision-entry';
import { endSessionWithClient } from './dead-client-check';
import { ensureHistoryTables, historyStore, readAppliedRevisions, type HistoryStore } from './history-store';
import { migrationLockKey, withMigrationLock } from './migration-lock';
import { loadLocalMigrations, type LocalMigration } from './migration-sources';
import type { RunnerProgress } from './run-types';
import { withDryRunDataSource } from './dry-run-data-source';
import { recordWrites, type SqlRecorder } from './sql-recorder';

/** Everything a write command needs, read while holding the migration lock. */
export interface RunnerSession {
  readonly ds: DataSource;
  /** The one session that holds the lock and runs every migration. */
  readonly runner: QueryRunner;
  readonly store: HistoryStore;
  readonly local: readonly LocalMigration[];
  readonly view: HistoryView;
  /** Set with --sql: writes are recorded, not run. */
  readonly recorder: SqlRecorder | null;
}

export interface RunnerSessionOptions {
  readonly dryRun?: boolean;
  readonly onProgress?: RunnerProgress;
}

export const WAITING_NOTICE = 'waiting for another db-manage run…';

/** Releases the connection, or destroys it when its state is in doubt (a lock or transaction may linger). */
async function release(runner: QueryRunner, broken: unknown): Promise<void> {
  if (broken === undefined) {
    await runner.release();
    return;
  }
  const internals = runner as unknown as { releasePostgresConnection?: (err: unknown) => Promise<void> };
  if (internals.releasePostgresConnection) await internals.releasePostgresConnection(broken);
  else await runner.release();
}

/**
 * Opens one dedicated session, takes the migration lock, creates the history tables and
 * reads the history (only now, so a run that waited sees what the other run applied),
 * then runs `fn`. The lock and the session are released in every case.
 */
export async function withRunnerSession<T>(ds: DataSource, options: RunnerSessionOptions, fn: (session: RunnerSession) => Promise<T>): Promise<T> {
  // A dry run never touches `ds`: it runs on a twin whose every connection is guarded.
  if (options.dryRun) return withDryRunDataSource(ds, (twin) => openSession(twin, options, fn));
  return openSession(ds, options, fn);
}

async function openSession<T>(ds: DataSource, options: RunnerSessionOptions, fn: (session: RunnerSession) => Promise<T>): Promise<T> {
  const local = loadLocalMigrations(ds);
  assertDistinctRevisions(local);
  const store = historyStore(ds);
  const runner = ds.createQueryRunner();
  let broken: unknown;
  try {
    await runner.connect();
    await endSessionWithClient(runner);
    // With --sql the reads still run; a read-only session turns any hidden write into an error.
    if (options.dryRun) await runner.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    const recorder = options.dryRun ? recordWrites(runner) : null;
    try {
      return await withMigrationLock(
        runner,
        async () => {
          try {
            await ensureHistoryTables(ds, runner, store);
            const view = buildHistory(local, await readAppliedRevisions(runner, store));
            return await fn({ ds, runner, store, local, view, recorder });
          } finally {
            if (runner.isTransactionActive) await runner.rollbackTransaction().catch((err: unknown) => (broken = err));
          }
        },
        {
          key: migrationLockKey(store.history.qualified),
          onWait: () => options.onProgress?.({ kind: 'notice', message: WAITING_NOTICE }),
          onReleaseFailed: (err) => (broken = err),
        },
      );
    } finally {
      recorder?.restore();
      if (options.dryRun && broken === undefined) {
        await runner.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE').catch((err: unknown) => (broken = err));
      }
    }
  } finally {
    await release(runner, broken).catch(() => undefined);
  }
}
