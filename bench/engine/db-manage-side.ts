import { copyFileSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeRevisions } from '../synthetic/revisions';
import { ROOT, recreateDatabase, type BenchServer } from '../support/bench-servers';
import { startQueryCounter, targetOf, type QueryTally } from '../support/query-counter';
import { expectStatus, runAsync, runTimed, type TimedRun } from '../support/run-timed';
import { sample, type Sampled } from '../support/sample';
import { migrationToSqlFile } from './migration-sql';

const BIN = join(ROOT, 'bin', 'db-manage.js');
export const VERBS = ['migrate', 'upgrade', 'check'] as const;
export const MANY_APPLIED = 200;

/** Which verbs the CLI has today: the others are still being built. */
export function availableVerbs(): Set<string> {
  const res = runTimed(process.execPath, [BIN, 'help'], { cwd: ROOT, timeoutMs: 30_000 });
  const have = new Set<string>();
  for (const verb of VERBS) if (new RegExp(`^\\s*db-manage ${verb}\\b`, 'm').test(res.stdout)) have.add(verb);
  return have;
}

export interface DbManageFigures {
  readonly verbs: ReadonlySet<string>;
  readonly migrateEmpty?: Sampled;
  /** The same with an empty loader cache each run: every entity file is transpiled. */
  readonly migrateEmptyCold?: Sampled;
  /** Whose initial migration `upgrade` applied: db-manage's own, or TypeORM's while `migrate` is missing. */
  readonly initialFrom?: 'db-manage' | 'TypeORM';
  readonly upgradeInitial?: Sampled;
  readonly check?: Sampled;
  readonly checkStatus?: number | null;
  readonly upgradeManyApplied?: Sampled;
  /** db-manage's own initial SQL, for psql; only when `migrate` wrote it. */
  readonly sqlFile?: string;
  readonly queries?: { readonly migrateEmpty?: QueryTally; readonly check?: QueryTally; readonly upgradeInitial?: QueryTally };
  readonly notes: readonly string[];
}

export interface DbManageRunOptions {
  readonly runs: number;
  readonly budgetMs: number;
  readonly countQueries: boolean;
  /** Where to write db-manage's initial SQL. */
  readonly sqlFile: string;
  /** TypeORM's initial migration as TypeScript: what `upgrade` applies while `migrate` is missing. */
  readonly fallbackMigration: string;
}

/** Runs db-manage's CLI on the synthetic project, timed or counted. */
class DbManageCli {
  constructor(
    private readonly server: BenchServer,
    private readonly project: string,
    private readonly db: string,
  ) {}

  label(what: string): string {
    return `${this.server.name} · db-manage · ${what}`;
  }

  timed(args: readonly string[], ok: readonly number[] = [0], extra: Record<string, string> = {}): TimedRun {
    const env = { ...this.server.envFor(this.db), ...extra };
    const res = runTimed(process.execPath, [BIN, ...args, '-d', 'data-source.ts'], { cwd: this.project, env, memory: true, timeoutMs: 180_000 });
    return expectStatus(res, this.label(args.join(' ')), ok);
  }

  /** Through DATABASE_URL: db-manage then reaches the counting proxy as any external server. */
  async counted(args: readonly string[], ok: readonly number[]): Promise<QueryTally> {
    const counter = await startQueryCounter(targetOf(this.server.adminUrl));
    try {
      const env = { ...this.server.envFor(this.db), DATABASE_URL: counter.route(this.server.urlOf(this.db)) };
      const res = await runAsync(process.execPath, [BIN, ...args, '-d', 'data-source.ts'], { cwd: this.project, env, timeoutMs: 180_000 });
      expectStatus(res, this.label(`${args[0]} (counted)`), ok);
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

function coldCache<T>(fn: (extra: Record<string, string>) => T): T {
  const cache = mkdtempSync(join(tmpdir(), 'bench-ts-cache-'));
  try {
    return fn({ DB_MANAGE_CACHE_DIR: cache });
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/** Every verb that exists is measured; a missing one leaves a note instead of a figure. */
export async function measureDbManage(server: BenchServer, project: string, opts: DbManageRunOptions): Promise<DbManageFigures> {
  const verbs = availableVerbs();
  const notes: string[] = [];
  const cli = new DbManageCli(server, project, 'bench_dbmanage');
  const fresh = () => recreateDatabase(server, 'bench_dbmanage');
  const sampling = { runs: opts.runs, warmup: 1, budgetMs: opts.budgetMs };
  let f: DbManageFigures = { verbs, notes };
  cli.clearMigrations();

  if (verbs.has('migrate')) {
    const before = async () => {
      cli.clearMigrations();
      await fresh();
    };
    const migrateEmpty = await sample(cli.label('migrate, empty db'), () => cli.timed(['migrate', 'Initial']), { ...sampling, before });
    const migrateEmptyCold = await sample(cli.label('migrate, empty db, cold loader cache'), () => coldCache((extra) => cli.timed(['migrate', 'Initial'], [0], extra)), {
      runs: Math.min(opts.runs, 3),
      minRuns: 1,
      budgetMs: opts.budgetMs,
      before,
    });
    let migrateTally: QueryTally | undefined;
    if (opts.countQueries) {
      await before();
      migrateTally = await cli.counted(['migrate', 'Initial'], [0]);
    }
    const files = cli.migrations();
    if (files.length !== 1) throw new Error(`db-manage migrate wrote ${files.length} files, expected 1`);
    await migrationToSqlFile(join(project, 'migrations', files[0]), opts.sqlFile);
    f = { ...f, migrateEmpty, migrateEmptyCold, initialFrom: 'db-manage', sqlFile: opts.sqlFile, queries: { migrateEmpty: migrateTally } };
  } else {
    notes.push("`migrate` is not in the CLI yet: not measured; `upgrade` was measured on TypeORM's initial migration (as TypeScript) instead.");
    copyFileSync(opts.fallbackMigration, join(project, 'migrations', basename(opts.fallbackMigration)));
    f = { ...f, initialFrom: 'TypeORM' };
  }

  if (!verbs.has('upgrade')) {
    notes.push('`upgrade` is not in the CLI yet: `upgrade`, `check` and the 200-applied case were not measured.');
    return f;
  }
  const upgradeInitial = await sample(cli.label('upgrade, initial migration'), () => cli.timed(['upgrade']), { ...sampling, before: fresh });
  f = { ...f, upgradeInitial };
  if (opts.countQueries) {
    await fresh();
    f = { ...f, queries: { ...f.queries, upgradeInitial: await cli.counted(['upgrade'], [0]) } };
  }

  if (verbs.has('check')) {
    let checkStatus: number | null = null;
    const check = await sample(
      cli.label('check, up-to-date db'),
      () => {
        const r = cli.timed(['check'], [0, 1]);
        checkStatus = r.status;
        return r;
      },
      sampling,
    );
    f = { ...f, check, checkStatus };
    if (opts.countQueries) f = { ...f, queries: { ...f.queries, check: await cli.counted(['check'], [0, 1]) } };
  } else {
    notes.push('`check` is not in the CLI yet: not measured.');
  }

  // The initial migration plus 199 revisions: 200 applied, none pending.
  const initialTimestamp = Number(cli.migrations()[0].split('-')[0]);
  writeRevisions(join(project, 'migrations'), MANY_APPLIED - 1, initialTimestamp);
  cli.timed(['upgrade']);
  const upgradeManyApplied = await sample(cli.label(`upgrade, ${MANY_APPLIED} applied, none pending`), () => cli.timed(['upgrade']), sampling);
  cli.clearMigrations();
  return { ...f, upgradeManyApplied };
}
