import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECOND_SCHEMA } from '../synthetic/synthetic-model';
import { writeRevisions } from '../synthetic/revisions';
import { adminQuery, recreateDatabase, type BenchServer } from '../support/bench-servers';
import type { Measurement } from '../support/interleave';
import { startQueryCounter, targetOf, type QueryTally } from '../support/query-counter';
import { expectStatus, runAsync, runTimed, type TimedRun } from '../support/run-timed';
import { HEAD_TEMPLATES, putOneRow } from './head-template';
import { MANY_APPLIED } from './many-applied';
import { migrationToSqlFile } from './migration-sql';
import { compileProject, type Workspace } from './workspace';

export type TypeormVariant = { readonly kind: 'js' } | { readonly kind: 'ts-node'; readonly nodePath: string };

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

/** The commands, each on its own database so they can take turns. */
class TypeormCli {
  readonly l: ReturnType<typeof layout>;
  constructor(
    readonly server: BenchServer,
    readonly project: string,
    readonly variant: TypeormVariant,
  ) {
    this.l = layout(project, variant);
    mkdirSync(this.l.generated, { recursive: true });
    mkdirSync(this.l.migrations, { recursive: true });
  }

  label(what: string): string {
    return `TypeORM ${this.variant.kind === 'js' ? 'precompiled JS' : 'ts-node'} · ${what}`;
  }

  args(command: 'generate' | 'generate-ts' | 'check' | 'run' | 'revert' | 'show'): string[] {
    const ds = ['-d', this.l.dataSource];
    if (command === 'run') return ['migration:run', ...ds];
    // One call reverts one migration: the initial one, all there is.
    if (command === 'revert') return ['migration:revert', ...ds];
    if (command === 'show') return ['migration:show', ...ds];
    if (command === 'check') return ['migration:generate', ...ds, '--check', join(this.l.generated, 'Check')];
    const js = this.variant.kind === 'js' && command === 'generate' ? ['-o'] : [];
    return ['migration:generate', ...ds, ...js, '-t', TIMESTAMP, join(this.l.generated, 'Init')];
  }

  timed(command: Parameters<TypeormCli['args']>[0], db: string, ok: readonly number[] = [0]): TimedRun {
    const env = { ...this.server.envFor(db), ...this.l.env };
    const res = runTimed(this.l.bin, this.args(command), { cwd: this.project, env, memory: true, timeoutMs: 180_000 });
    return expectStatus(res, `${this.server.name} · ${this.label(command)}`, ok);
  }

  async counted(command: Parameters<TypeormCli['args']>[0], db: string, ok: readonly number[]): Promise<QueryTally> {
    const counter = await startQueryCounter(targetOf(this.server.adminUrl));
    try {
      const env = { ...this.server.envFor(db), ...this.l.env, BENCH_DATABASE_URL: counter.route(this.server.urlOf(db)) };
      expectStatus(await runAsync(this.l.bin, this.args(command), { cwd: this.project, env, timeoutMs: 180_000 }), this.label(`${command} (counted)`), ok);
      return counter.tally();
    } finally {
      await counter.close();
    }
  }
}

export interface TypeormPrepared {
  /** TypeORM's initial migration as TypeScript, schema line added. */
  readonly initialTs: string;
  /** The same statements, for psql. */
  readonly sqlFile: string;
}

/**
 * Untimed: generates TypeORM's initial migration once, as JS for the precompiled project and
 * as TS for the ts-node project and the 200-applied project (compiled again with tsc); then
 * the head template for the revert runs: the migration applied by `migration:run`, one row put in.
 */
export async function prepareTypeorm(server: BenchServer, ws: Workspace): Promise<TypeormPrepared> {
  const db = 'bench_typeorm_prep';
  const js = new TypeormCli(server, ws.typeormJs, { kind: 'js' });
  await recreateDatabase(server, db);
  js.timed('generate', db);
  js.timed('generate-ts', db);
  const initialJs = join(js.l.migrations, `${TIMESTAMP}-Init.js`);
  const initialTs = join(js.l.generated, `${TIMESTAMP}-Init.ts`);
  copyFileSync(join(js.l.generated, `${TIMESTAMP}-Init.js`), initialJs);
  addSchemaStatement(initialJs);
  addSchemaStatement(initialTs);
  copyFileSync(initialTs, join(ws.typeormTs, 'migrations', `${TIMESTAMP}-Init.ts`));
  copyFileSync(initialTs, join(ws.typeormMany, 'migrations', `${TIMESTAMP}-Init.ts`));
  writeRevisions(join(ws.typeormMany, 'migrations'), MANY_APPLIED - 1, Number(TIMESTAMP));
  compileProject(ws.typeormMany);
  const sqlFile = join(ws.root, 'typeorm-init.sql');
  await migrationToSqlFile(initialJs, sqlFile);
  await recreateDatabase(server, HEAD_TEMPLATES.typeorm);
  js.timed('run', HEAD_TEMPLATES.typeorm);
  await putOneRow(server, HEAD_TEMPLATES.typeorm);
  return { initialTs, sqlFile };
}

/** migration:revert exits 0 when it found nothing to revert; such a run is not timed as a revert. */
function expectReverted(run: TimedRun, label: string): TimedRun {
  if (!/reverted successfully/.test(`${run.stdout}\n${run.stderr}`)) throw new Error(`${label} reverted nothing:\n${run.stdout.trim().split('\n').slice(-15).join('\n')}`);
  return run;
}

async function appliedCount(server: BenchServer, db: string): Promise<number> {
  const rows = await adminQuery<{ n: string }>(server.urlOf(db), 'SELECT count(*) AS n FROM migrations');
  return Number(rows[0]?.n ?? 0);
}

/**
 * generate on an empty db, run of the initial migration, --check on an up-to-date db; for JS also
 * run with 200 applied, and revert and show on copies of the head template.
 */
export function typeormMeasurements(server: BenchServer, ws: Workspace, variant: TypeormVariant, runs: number): Measurement[] {
  const project = variant.kind === 'js' ? ws.typeormJs : ws.typeormTs;
  const cli = new TypeormCli(server, project, variant);
  const key = variant.kind === 'js' ? 'typeorm-js' : 'typeorm-ts';
  const db = (what: string) => `bench_${key.replace('-', '_')}_${what}`;
  const warmup = variant.kind === 'js' ? 1 : 0;
  const list: Measurement[] = [
    { key: `${key}:generate`, label: cli.label('generate, empty db'), runs, warmup, before: () => recreateDatabase(server, db('gen')), run: () => cli.timed('generate', db('gen')) },
    { key: `${key}:run`, label: cli.label('migration:run, initial migration'), runs, warmup, before: () => recreateDatabase(server, db('run')), run: () => cli.timed('run', db('run')) },
    {
      key: `${key}:check`,
      label: cli.label('generate --check, up-to-date db'),
      runs,
      warmup,
      setup: async () => {
        await recreateDatabase(server, db('check'));
        cli.timed('run', db('check'));
      },
      run: () => cli.timed('check', db('check'), [0, 1]),
    },
  ];
  if (variant.kind === 'js') {
    const many = new TypeormCli(server, ws.typeormMany, variant);
    list.push({
      key: `${key}:many`,
      label: cli.label(`migration:run, ${MANY_APPLIED} applied, none pending`),
      runs,
      warmup,
      setup: async () => {
        await recreateDatabase(server, db('many'));
        many.timed('run', db('many'));
        const applied = await appliedCount(server, db('many'));
        if (applied !== MANY_APPLIED) throw new Error(`TypeORM applied ${applied} migrations, expected ${MANY_APPLIED}`);
      },
      run: () => many.timed('run', db('many')),
    });
    list.push(
      {
        key: `${key}:revert`,
        label: cli.label('migration:revert, db at head'),
        runs,
        warmup,
        before: () => recreateDatabase(server, db('revert'), HEAD_TEMPLATES.typeorm),
        run: () => expectReverted(cli.timed('revert', db('revert')), cli.label('migration:revert')),
      },
      {
        key: `${key}:show`,
        label: cli.label('migration:show, db at head'),
        runs,
        warmup,
        setup: () => recreateDatabase(server, db('show'), HEAD_TEMPLATES.typeorm),
        run: () => cli.timed('show', db('show')),
      },
    );
  }
  return list;
}

export interface TypeormQueries {
  readonly generate: QueryTally;
  readonly run: QueryTally;
  readonly check: QueryTally;
  readonly revert: QueryTally;
  readonly show: QueryTally;
}

/** Statements sent by each command, through the counting proxy; untimed. */
export async function countTypeorm(server: BenchServer, ws: Workspace): Promise<TypeormQueries> {
  const cli = new TypeormCli(server, ws.typeormJs, { kind: 'js' });
  const db = 'bench_typeorm_count';
  await recreateDatabase(server, db);
  const generate = await cli.counted('generate', db, [0]);
  const run = await cli.counted('run', db, [0]);
  const check = await cli.counted('check', db, [0, 1]);
  await recreateDatabase(server, db, HEAD_TEMPLATES.typeorm);
  const show = await cli.counted('show', db, [0]);
  const revert = await cli.counted('revert', db, [0]);
  return { generate, run, check, revert, show };
}
