import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECOND_SCHEMA } from '../synthetic/synthetic-model';
import { writeRevisions } from '../synthetic/revisions';
import { adminQuery, recreateDatabase, type BenchServer } from '../support/bench-servers';
import { startQueryCounter, targetOf, type QueryTally } from '../support/query-counter';
import { expectStatus, runAsync, runTimed, type TimedRun } from '../support/run-timed';
import { sample, type Sampled } from '../support/sample';

export type TypeormVariant = { readonly kind: 'js' } | { readonly kind: 'ts-node'; readonly nodePath: string };

export interface TypeormFigures {
  readonly variant: 'js' | 'ts-node';
  readonly generateEmpty: Sampled;
  readonly check: Sampled;
  /** 0 when TypeORM found no changes on the up-to-date database, 1 when it found some. */
  readonly checkStatus: number | null;
  readonly run: Sampled;
  readonly queries?: { readonly generateEmpty: QueryTally; readonly check: QueryTally; readonly run: QueryTally };
}

const TIMESTAMP = '1700000000000';

/** Where each variant reads its data source and writes and runs its migrations. */
function layout(project: string, variant: TypeormVariant) {
  const js = variant.kind === 'js';
  return {
    bin: join(project, 'node_modules', '.bin', js ? 'typeorm' : 'typeorm-ts-node-commonjs'),
    dataSource: js ? 'dist/data-source.js' : 'data-source.ts',
    // Outside the migrations glob, so generating never adds a migration to run.
    generated: js ? join(project, 'dist', 'generated') : join(project, 'generated'),
    migrations: js ? join(project, 'dist', 'migrations') : join(project, 'migrations'),
    ext: js ? '.js' : '.ts',
    env: js ? {} : { NODE_PATH: variant.nodePath },
  };
}

/**
 * TypeORM writes no CREATE SCHEMA for a schema the database lacks, so its initial migration
 * fails on `archive`. A TypeORM user adds the line by hand; so does this benchmark.
 */
export function addSchemaStatement(file: string): void {
  const text = readFileSync(file, 'utf8');
  const patched = text.replace(/(async up\(queryRunner[^)]*\)[^{]*\{\n)/, `$1        await queryRunner.query(\`CREATE SCHEMA IF NOT EXISTS "${SECOND_SCHEMA}"\`);\n`);
  if (patched === text) throw new Error(`cannot find up() in ${file}`);
  writeFileSync(file, patched);
}

export interface TypeormRunOptions {
  readonly runs: number;
  readonly budgetMs: number;
  readonly countQueries: boolean;
}

export async function measureTypeorm(server: BenchServer, project: string, variant: TypeormVariant, opts: TypeormRunOptions): Promise<TypeormFigures & { readonly migrationFile: string; readonly tsMigrationFile: string }> {
  const l = layout(project, variant);
  const db = `bench_typeorm_${variant.kind === 'js' ? 'js' : 'tsnode'}`;
  const env = { ...server.envFor(db), ...l.env };
  const label = (what: string) => `${server.name} · TypeORM ${variant.kind === 'js' ? 'precompiled JS' : 'ts-node'} · ${what}`;
  const typeorm = (args: readonly string[], ok: readonly number[] = [0], urlEnv: Record<string, string> = {}) => () =>
    expectStatus(runTimed(l.bin, args, { cwd: project, env: { ...env, ...urlEnv }, memory: true, timeoutMs: 180_000 }), label(args[0]), ok);
  const generateArgs = ['migration:generate', '-d', l.dataSource, ...(variant.kind === 'js' ? ['-o'] : []), '-t', TIMESTAMP, join(l.generated, 'Init')];
  const checkArgs = ['migration:generate', '-d', l.dataSource, '--check', join(l.generated, 'Check')];
  const runArgs = ['migration:run', '-d', l.dataSource];
  const sampling = { runs: opts.runs, warmup: variant.kind === 'js' ? 1 : 0, budgetMs: opts.budgetMs, minRuns: variant.kind === 'js' ? 3 : 1 };
  mkdirSync(l.generated, { recursive: true });
  mkdirSync(l.migrations, { recursive: true });

  const generateEmpty = await sample(label('generate, empty db'), typeorm(generateArgs), { ...sampling, before: () => recreateDatabase(server, db) });
  const generatedFile = join(l.generated, `${TIMESTAMP}-Init${l.ext}`);
  const migrationFile = join(l.migrations, `${TIMESTAMP}-Init${l.ext}`);
  if (readdirSync(l.migrations).length === 0) {
    copyFileSync(generatedFile, migrationFile);
    addSchemaStatement(migrationFile);
  }
  // The same migration as TypeScript, for tools that take TS sources (the database is still empty).
  const tsMigrationFile = join(l.generated, `${TIMESTAMP}-Init.ts`);
  if (variant.kind === 'js') {
    typeorm(generateArgs.filter((a) => a !== '-o'))();
    addSchemaStatement(tsMigrationFile);
  }

  const run = await sample(label('migration:run'), typeorm(runArgs), { ...sampling, before: () => recreateDatabase(server, db) });
  // `run` leaves the database up to date: the state `--check` is meant for.
  let checkStatus: number | null = null;
  const check = await sample(
    label('generate --check, up-to-date db'),
    () => {
      const r: TimedRun = typeorm(checkArgs, [0, 1])();
      checkStatus = r.status;
      return r;
    },
    sampling,
  );

  let queries: TypeormFigures['queries'];
  if (opts.countQueries) {
    const counter = await startQueryCounter(targetOf(server.adminUrl));
    const counted = async (args: readonly string[], ok: readonly number[]): Promise<QueryTally> => {
      counter.reset();
      const routed = { BENCH_DATABASE_URL: counter.route(server.urlOf(db)) };
      expectStatus(await runAsync(l.bin, args, { cwd: project, env: { ...env, ...routed }, timeoutMs: 180_000 }), label(`${args[0]} (counted)`), ok);
      return counter.tally();
    };
    try {
      await recreateDatabase(server, db);
      const generateTally = await counted(generateArgs, [0]);
      await recreateDatabase(server, db);
      const runTally = await counted(runArgs, [0]);
      const checkTally = await counted(checkArgs, [0, 1]);
      queries = { generateEmpty: generateTally, run: runTally, check: checkTally };
    } finally {
      await counter.close();
    }
  }
  return { variant: variant.kind, generateEmpty, check, checkStatus, run, queries, migrationFile, tsMigrationFile };
}

/** TypeORM's `migration:run` with 200 applied and none pending (precompiled JS), for side-by-side. */
export async function measureTypeormManyApplied(server: BenchServer, project: string, count: number, opts: TypeormRunOptions): Promise<Sampled> {
  const l = layout(project, { kind: 'js' });
  const db = 'bench_typeorm_js';
  const revisions = writeRevisions(join(project, 'migrations'), count - 1, Number(TIMESTAMP));
  try {
    expectStatus(runTimed('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: project, timeoutMs: 300_000 }), 'tsc (revisions)');
    const run = () => expectStatus(runTimed(l.bin, ['migration:run', '-d', l.dataSource], { cwd: project, env: server.envFor(db), memory: true, timeoutMs: 180_000 }), 'migration:run');
    await recreateDatabase(server, db);
    run();
    const applied = await appliedCount(server, db);
    if (applied !== count) throw new Error(`TypeORM applied ${applied} migrations, expected ${count}`);
    return await sample(`${server.name} · TypeORM precompiled JS · migration:run, ${count} applied, none pending`, run, { runs: opts.runs, warmup: 1, budgetMs: opts.budgetMs });
  } finally {
    // The next server's measurements start from the initial migration alone.
    for (const file of revisions) {
      rmSync(join(project, 'migrations', `${file}.ts`), { force: true });
      rmSync(join(l.migrations, `${file}.js`), { force: true });
    }
  }
}

async function appliedCount(server: BenchServer, db: string): Promise<number> {
  const rows = await adminQuery<{ n: string }>(server.urlOf(db), 'SELECT count(*) AS n FROM migrations');
  return Number(rows[0]?.n ?? 0);
}
