import type { DataSource } from 'typeorm';
import { DbManageError } from '../errors/db-manage-error';
import { historyStore } from '../runner/history-store';
import { migrationLockKey, withMigrationLock } from '../runner/migration-lock';
import { hashPassword, hashPasswords } from './hash-passwords';
import type { SampleCredential, SeedModule, SeedResult } from './seed-module';
import { commandLine } from '../text/command-line';

export interface SeedRunOptions {
  readonly production: boolean;
  readonly extraUsers: number;
  readonly onStep?: (phase: 'start' | 'done' | 'fail', name: string, ms?: number) => void;
  readonly onNotice?: (message: string) => void;
}

export const SEED_WAITING_NOTICE = 'waiting for another db-manage run to finish before seeding…';

/**
 * Seeds hold the migration lock: two seeds at once would both find a row missing and both
 * insert it (H21), and a seed during an upgrade would meet a half-built schema.
 */
async function withSeedLock<T>(ds: DataSource, options: SeedRunOptions, fn: () => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  let broken = false;
  try {
    await runner.connect();
    return await withMigrationLock(runner, fn, {
      key: migrationLockKey(historyStore(ds).history.qualified),
      what: 'the migration lock (seed waits for upgrades and other seeds)',
      onWait: () => options.onNotice?.(SEED_WAITING_NOTICE),
      onReleaseFailed: () => (broken = true),
    });
  } finally {
    const internals = runner as unknown as { releasePostgresConnection?: (err: unknown) => Promise<void> };
    // A session whose unlock failed may still hold the lock: close it rather than pool it.
    if (broken && internals.releasePostgresConnection) await internals.releasePostgresConnection(new Error('unlock failed')).catch(() => undefined);
    else await runner.release().catch(() => undefined);
  }
}

export interface SeedOutcome extends SeedResult {
  readonly name: string;
  readonly ms: number;
}

export interface SeedRun {
  readonly seeds: readonly SeedOutcome[];
  readonly credentials: readonly SampleCredential[];
}

/** Calls `report` at every tenth of a long job (50 items or more), not on every item. */
function tenths(report: (done: number, total: number) => void): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    if (total < 50) return;
    const tenth = Math.floor((done / total) * 10);
    if (tenth > last) {
      last = tenth;
      report(done, total);
    }
  };
}

/**
 * Runs each seed in its own transaction, in registry order. A failure rolls back that
 * seed only, stops the run, and names the seed; earlier seeds stay (they are idempotent,
 * so running again after the fix completes the job).
 */
export async function runSeeds(ds: DataSource, seeds: readonly SeedModule[], options: SeedRunOptions): Promise<SeedRun> {
  return withSeedLock(ds, options, () => runSeedsLocked(ds, seeds, options));
}

async function runSeedsLocked(ds: DataSource, seeds: readonly SeedModule[], options: SeedRunOptions): Promise<SeedRun> {
  const outcomes: SeedOutcome[] = [];
  const credentials: SampleCredential[] = [];
  for (const seed of seeds) {
    const started = Date.now();
    options.onStep?.('start', seed.name);
    let result: SeedResult;
    try {
      result = await ds.transaction((manager) =>
        seed.run({
          manager,
          dataSource: ds,
          production: options.production,
          extraUsers: options.extraUsers,
          hashPassword,
          hashPasswords: (plains) => hashPasswords(plains, { onProgress: tenths((done, total) => options.onNotice?.(`${seed.name}: hashed ${done}/${total} passwords`)) }),
          progress: (message) => options.onNotice?.(`${seed.name}: ${message}`),
          credential: (c) => credentials.push(c),
        }),
      );
    } catch (cause) {
      options.onStep?.('fail', seed.name, Date.now() - started);
      if (cause instanceof DbManageError) throw cause;
      const message = String((cause as Error)?.message ?? cause).split('\n')[0];
      // 42P01: undefined table. Seeding a database the migrations have not built yet is the usual cause.
      const missingTable = (cause as { code?: string })?.code === '42P01';
      const kept = `Nothing from ${seed.name} was kept${outcomes.length > 0 ? `; ${outcomes.map((o) => o.name).join(', ')} completed` : ''}`;
      throw new DbManageError('seed-failed', `seed ${seed.name} failed: ${message}`, {
        cause,
        hint: missingTable ? `${kept}. Run ${commandLine('upgrade')} first, then seed again` : `${kept}. Fix it and run ${commandLine('seed')} again`,
        details: { seed: seed.name, completed: outcomes.map((o) => o.name) },
      });
    }
    const ms = Date.now() - started;
    options.onStep?.('done', seed.name, ms);
    outcomes.push({ name: seed.name, created: result.created, existing: result.existing, unit: result.unit, skipped: result.skipped, ms });
  }
  return { seeds: outcomes, credentials: options.production ? [] : credentials };
}
