import { copyFileSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeRevisions } from '../synthetic/revisions';
import { ROOT, recreateDatabase, type BenchServer } from '../support/bench-servers';
import type { Measurement } from '../support/interleave';
import { startQueryCounter, targetOf, type QueryTally } from '../support/query-counter';
import { expectStatus, runAsync, runTimed, type TimedRun } from '../support/run-timed';
import { MANY_APPLIED } from './many-applied';
import { migrationToSqlFile } from './migration-sql';
import type { Workspace } from './workspace';
import { cachesIn } from '../support/caches-in';

const BIN = join(ROOT, 'bin', 'db-manage.js');
const VERBS = ['migrate', 'upgrade', 'check', 'downgrade', 'status'] as const;

/** Which verbs the CLI has today: the others may still be being built. */
export function availableVerbs(): Set<string> {
  const res = runTimed(process.execPath, [BIN, 'help'], { cwd: ROOT, timeoutMs: 30_000 });
  const have = new Set<string>();
  // Lines read `  npx db-manage migrate <message>   Write a migration…` (older builds had no `npx`).
  for (const verb of VERBS) if (new RegExp(`^\\s*(?:npx )?db-manage ${verb}\\b`, 'm').test(res.stdout)) have.add(verb);
  return have;
}

/** Runs db-manage's CLI on one copy of the synthetic project. */
export class DbManageCli {
  constructor(
    readonly server: BenchServer,
    readonly project: string,
  ) {}

  /**
   * The server's environment without BENCH_DATABASE_URL: the data source's URL wins over
   * DATABASE_URL in db-manage, so with it set db-manage would reach the embedded cluster as an
   * external server (and bypass the counting proxy). Without it the data source falls back to
   * DATABASE_URL (external), or names no server and db-manage uses its embedded one.
   */
  env(db: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    return { ...this.server.envFor(db), BENCH_DATABASE_URL: undefined, ...extra };
  }

  timed(args: readonly string[], db: string, ok: readonly number[] = [0], extra: Record<string, string> = {}): TimedRun {
    const env = this.env(db, extra);
    const res = runTimed(process.execPath, [BIN, ...args, '-d', 'data-source.ts'], { cwd: this.project, env, memory: true, timeoutMs: 180_000 });
    return expectStatus(res, `${this.server.name} · db-manage ${args.join(' ')}`, ok);
  }

  /** Through DATABASE_URL: db-manage then reaches the counting proxy as any external server. */
  async counted(args: readonly string[], db: string, ok: readonly number[]): Promise<QueryTally> {
    const counter = await startQueryCounter(targetOf(this.server.adminUrl));
    try {
      const env = this.env(db, { DATABASE_URL: counter.route(this.server.urlOf(db)) });
      const res = await runAsync(process.execPath, [BIN, ...args, '-d', 'data-source.ts'], { cwd: this.project, env, timeoutMs: 180_000 });
      expectStatus(res, `db-manage ${args[0]} (counted)`, ok);
      return counter.tally();
    } finally {
      await counter.close();
    }
  }

  migrations(): string[] {
    return readdirSync(join(this.project, 'migrations')).filter((f) => f.endsWith('.ts')).sort();
  }

  clearMigrations(): void {
    for (const f of this.migrations()) unlinkSync(join(this.project, 'migrations', f));
  }
}

function withColdCache<T>(fn: (extra: Record<string, string>) => T): T {
  const cache = mkdtempSync(join(tmpdir(), 'bench-ts-cache-'));
  try {
    return fn(cachesIn(cache));
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

export interface DbManagePrepared {
  readonly verbs: ReadonlySet<string>;
  /** Whose initial migration `upgrade` applies: db-manage's own, or TypeORM's while `migrate` is missing. */
  readonly initialFrom: 'db-manage' | 'TypeORM';
  /** db-manage's own initial SQL, for psql; only when `migrate` wrote it. */
  readonly sqlFile?: string;
  /** The down statements of the same migration, for psql on a database at head. */
  readonly downSqlFile?: string;
  readonly notes: readonly string[];
}

/** Untimed: the initial migration (db-manage's own when `migrate` exists) and the 199 revisions. */
export async function prepareDbManage(server: BenchServer, ws: Workspace, typeormInitialTs: string): Promise<DbManagePrepared> {
  const verbs = availableVerbs();
  const notes: string[] = [];
  const migrate = new DbManageCli(server, ws.dbmMigrate);
  for (const dir of [ws.dbmMigrate, ws.dbmUpgrade, ws.dbmMany]) new DbManageCli(server, dir).clearMigrations();
  let initial: string;
  let initialFrom: DbManagePrepared['initialFrom'];
  let sqlFile: string | undefined;
  let downSqlFile: string | undefined;
  if (verbs.has('migrate')) {
    await recreateDatabase(server, 'bench_dbm_prep');
    migrate.timed(['migrate', 'Initial'], 'bench_dbm_prep');
    const files = migrate.migrations();
    if (files.length !== 1) throw new Error(`db-manage migrate wrote ${files.length} files, expected 1`);
    initial = join(ws.dbmMigrate, 'migrations', files[0]);
    initialFrom = 'db-manage';
    sqlFile = join(ws.root, 'db-manage-init.sql');
    await migrationToSqlFile(initial, sqlFile);
    downSqlFile = join(ws.root, 'db-manage-init-down.sql');
    await migrationToSqlFile(initial, downSqlFile, 'down');
  } else {
    notes.push("`migrate` is not in the CLI yet: not measured; `upgrade` was measured on TypeORM's initial migration (as TypeScript) instead.");
    initial = typeormInitialTs;
    initialFrom = 'TypeORM';
  }
  copyFileSync(initial, join(ws.dbmUpgrade, 'migrations', basename(initial)));
  copyFileSync(initial, join(ws.dbmMany, 'migrations', basename(initial)));
  writeRevisions(join(ws.dbmMany, 'migrations'), MANY_APPLIED - 1, Number(basename(initial).split('-')[0]));
  if (!verbs.has('upgrade')) notes.push('`upgrade` is not in the CLI yet: `upgrade`, `check` and the 200-applied case were not measured.');
  else if (!verbs.has('check')) notes.push('`check` is not in the CLI yet: not measured.');
  if (verbs.has('upgrade') && !verbs.has('downgrade')) notes.push('`downgrade` is not in the CLI yet: the revert measurements were not taken.');
  if (verbs.has('upgrade') && !verbs.has('status')) notes.push('`status` is not in the CLI yet: not measured.');
  return { verbs, initialFrom, sqlFile, downSqlFile, notes };
}

/** Every verb that exists gets its measurements; a missing one leaves its note instead. */
export function dbManageMeasurements(server: BenchServer, ws: Workspace, prepared: DbManagePrepared, runs: number): Measurement[] {
  const migrate = new DbManageCli(server, ws.dbmMigrate);
  const upgrade = new DbManageCli(server, ws.dbmUpgrade);
  const many = new DbManageCli(server, ws.dbmMany);
  const fresh = (db: string) => async () => {
    migrate.clearMigrations();
    await recreateDatabase(server, db);
  };
  const list: Measurement[] = [];
  if (prepared.verbs.has('migrate')) {
    list.push(
      { key: 'dbm:migrate', label: 'db-manage · migrate, empty db', runs, before: fresh('bench_dbm_migrate'), run: () => migrate.timed(['migrate', 'Initial'], 'bench_dbm_migrate') },
      {
        key: 'dbm:migrate-cold',
        label: 'db-manage · migrate, empty db, cold loader cache',
        runs: Math.min(runs, 3),
        warmup: 0,
        before: fresh('bench_dbm_migrate'),
        run: () => withColdCache((extra) => migrate.timed(['migrate', 'Initial'], 'bench_dbm_migrate', [0], extra)),
      },
    );
  }
  if (!prepared.verbs.has('upgrade')) return list;
  list.push({
    key: 'dbm:upgrade',
    label: 'db-manage · upgrade, initial migration',
    runs,
    before: () => recreateDatabase(server, 'bench_dbm_upgrade'),
    run: () => upgrade.timed(['upgrade'], 'bench_dbm_upgrade'),
  });
  if (prepared.verbs.has('check')) {
    list.push({
      key: 'dbm:check',
      label: 'db-manage · check, up-to-date db',
      runs,
      setup: async () => {
        await recreateDatabase(server, 'bench_dbm_check');
        upgrade.timed(['upgrade'], 'bench_dbm_check');
      },
      run: () => upgrade.timed(['check'], 'bench_dbm_check', [0, 1]),
    });
  }
  list.push({
    key: 'dbm:many',
    label: `db-manage · upgrade, ${MANY_APPLIED} applied, none pending`,
    runs,
    setup: async () => {
      await recreateDatabase(server, 'bench_dbm_many');
      many.timed(['upgrade'], 'bench_dbm_many');
    },
    run: () => many.timed(['upgrade'], 'bench_dbm_many'),
  });
  return list;
}

export interface DbManageQueries {
  readonly migrate?: QueryTally;
  readonly upgrade?: QueryTally;
  readonly check?: QueryTally;
}

/** Statements sent by each command, through the counting proxy; untimed. */
export async function countDbManage(server: BenchServer, ws: Workspace, prepared: DbManagePrepared): Promise<DbManageQueries> {
  const db = 'bench_dbm_count';
  let out: DbManageQueries = {};
  if (prepared.verbs.has('migrate')) {
    const migrate = new DbManageCli(server, ws.dbmMigrate);
    migrate.clearMigrations();
    await recreateDatabase(server, db);
    out = { migrate: await migrate.counted(['migrate', 'Initial'], db, [0]) };
    migrate.clearMigrations();
  }
  if (!prepared.verbs.has('upgrade')) return out;
  const upgrade = new DbManageCli(server, ws.dbmUpgrade);
  await recreateDatabase(server, db);
  out = { ...out, upgrade: await upgrade.counted(['upgrade'], db, [0]) };
  if (prepared.verbs.has('check')) out = { ...out, check: await upgrade.counted(['check'], db, [0, 1]) };
  return out;
}
