import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Client } from 'pg';
import { upgrade, type DbManageError } from '../../../src/api';
import { rng } from '../../fuzz/prng';
import { randomProgram } from '../../support/random-program';
import { ROOT } from '../../support/run-cli';
import { LOG_TABLE, runProgram, type ProgramStep } from '../../support/statement-program';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../../support/test-cluster';

/**
 * The runner pipelines a migration's DDL (statement-pipeline.ts). Oracle: the same program
 * awaited statement by statement on a plain pg client, in one transaction, as PostgreSQL
 * sees it without pipelining. Both must end alike: the same tables, comments, indexes and
 * rows, or the same first failing statement with PostgreSQL's same code, message and
 * position, and nothing of the migration kept. PIPELINE_SEED=n runs seed n alone;
 * PIPELINE_SEEDS=k runs k seeds from there.
 */
const FIRST = Number(process.env.PIPELINE_SEED ?? 1);
const SEEDS = Number(process.env.PIPELINE_SEEDS ?? (process.env.PIPELINE_SEED ? 1 : 24));
const SUPPORT = join(ROOT, 'test', 'support', 'statement-program');

interface Failure {
  readonly statement: string;
  readonly code: string;
  readonly message: string;
  readonly position?: string;
}

async function oracle(url: string, steps: readonly ProgramStep[]): Promise<Failure | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    try {
      await runProgram(async (sql, params) => {
        try {
          return (await client.query(sql, params)).rows;
        } catch (err) {
          throw Object.assign(err as Error, { statement: sql });
        }
      }, steps);
      await client.query('COMMIT');
      return null;
    } catch (err) {
      await client.query('ROLLBACK');
      const e = err as Failure;
      return { statement: e.statement, code: e.code, message: e.message, position: e.position };
    }
  } finally {
    await client.end();
  }
}

/** Every table but the runner's own: columns with defaults, comment, indexes, rows. */
async function userState(url: string): Promise<unknown[]> {
  const tables = await adminQuery<{ name: string; comment: string | null; columns: string; indexes: string | null }>(
    url,
    `SELECT c.relname AS name, obj_description(c.oid) AS comment,
       (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' ' || coalesce(col_description(c.oid, a.attnum), ''), ', ' ORDER BY a.attnum)
          FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
       (SELECT string_agg(pg_get_indexdef(i.indexrelid), '; ' ORDER BY 1) FROM pg_index i WHERE i.indrelid = c.oid) AS indexes
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT IN ('migrations', 'db_manage_checksums')
     ORDER BY c.relname COLLATE "C"`,
  );
  const out: unknown[] = [];
  for (const t of tables) {
    const q = `"${t.name.replace(/"/g, '""')}"`;
    const rows = t.name === LOG_TABLE ? await adminQuery(url, `SELECT "note" FROM ${q} ORDER BY "id"`) : await adminQuery(url, `SELECT count(*)::int AS n FROM ${q}`);
    out.push({ ...t, rows });
  }
  return out;
}

/**
 * A scratch project: a data source whose options are `options` (TypeScript, besides its
 * migrations glob), `imports` above it, and one migration file; node_modules linked.
 */
function scratchProject(label: string, ds: { imports?: string; options?: string }, migration: { file: string; source: string }): string {
  const dir = mkdtempSync(join(tmpdir(), `dbm-pipeline-${label}-`));
  mkdirSync(join(dir, 'migrations'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'data-source.ts'),
    `import 'reflect-metadata';\n${ds.imports ?? "import { DataSource } from 'typeorm';\n"}\nexport default new DataSource({ type: 'postgres', migrations: [\`\${__dirname}/migrations/*.ts\`]${ds.options ? `, ${ds.options}` : ''} });\n`,
  );
  writeFileSync(join(dir, 'migrations', migration.file), migration.source);
  return dir;
}

function writeProject(steps: readonly ProgramStep[], stamp: number): string {
  return scratchProject('program', {}, {
    file: `${stamp}-Program.ts`,
    source: `import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runProgram, type ProgramStep, type ReadHandle } from ${JSON.stringify(SUPPORT)};

const STEPS: ProgramStep[] = ${JSON.stringify(steps, null, 1)};

export class Program${stamp} implements MigrationInterface {
  name = 'Program${stamp}';
  async up(queryRunner: QueryRunner): Promise<void> {
    const read = async (handle: ReadHandle, sql: string): Promise<unknown> => {
      if (handle === 'queryRunner.manager.query') return queryRunner.manager.query(sql);
      if (handle === 'raw client') return ((await queryRunner.connect()) as { query(s: string): Promise<{ rows: unknown[] }> }).query(sql).then((r) => r.rows);
      if (handle === 'structured result') return (await queryRunner.query(sql, undefined, true)).records;
      return queryRunner.query(sql);
    };
    await runProgram((sql, params) => queryRunner.query(sql, params), STEPS, read);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('SELECT 1');
  }
}
`,
  });
}

/** A project whose subscriber records every query it is told about, in this process. */
function watchedProject(stamp: number): string {
  const imports = `import { DataSource, EventSubscriber, type AfterQueryEvent, type EntitySubscriberInterface } from 'typeorm';

@EventSubscriber()
export class QueryWatcher implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent<unknown>): void {
    ((globalThis as { pipelineWatched?: string[] }).pipelineWatched ??= []).push(event.query);
  }
}
`;
  return scratchProject('watched', { imports, options: 'subscribers: [QueryWatcher]' }, {
    file: `${stamp}-Watched.ts`,
    source: `import type { MigrationInterface, QueryRunner } from 'typeorm';
export class Watched${stamp} implements MigrationInterface {
  name = 'Watched${stamp}';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE "watched_a" ("id" integer)');
    await queryRunner.query('COMMENT ON TABLE "watched_a" IS \\'seen\\'');
    await queryRunner.query('CREATE TABLE "watched_b" ("id" integer)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "watched_b"');
    await queryRunner.query('DROP TABLE "watched_a"');
  }
}
`,
  });
}

/** A project whose data source sets pg's client-side query_timeout, and a migration of slow statements. */
function timedProject(stamp: number, statements: number): string {
  return scratchProject('timed', { options: 'extra: { query_timeout: 1500 }' }, {
    file: `${stamp}-Slow.ts`,
    source: `import type { MigrationInterface, QueryRunner } from 'typeorm';
export class Slow${stamp} implements MigrationInterface {
  name = 'Slow${stamp}';
  async up(queryRunner: QueryRunner): Promise<void> {
    for (let i = 0; i < ${statements}; i++) await queryRunner.query(\`CREATE TABLE "slow_\${i}" AS SELECT pg_sleep(0.1)::text AS "slept"\`);
  }
  async down(): Promise<void> {}
}
`,
  });
}

for (const target of testTargets()) {
  test(`with pg's query_timeout, statements are timed one by one, not from when they were queued (${target.name})`, async () => {
    const db = await createScratchDatabase(target, 'pipe_timed');
    const dir = timedProject(1700000000000, 25);
    try {
      // 25 statements of 0.1 s each: 2.5 s in all, each well within 1.5 s.
      await upgrade({ cwd: dir, datasource: 'data-source.ts', env: apiEnv(db) });
      const [{ n }] = await adminQuery<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'slow\\_%'`);
      assert.equal(n, 25);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });

  test(`a subscriber's afterQuery sees each statement of a migration (${target.name})`, async () => {
    const db = await createScratchDatabase(target, 'pipe_watched');
    const dir = watchedProject(1700000000000);
    const seen: string[] = [];
    (globalThis as { pipelineWatched?: string[] }).pipelineWatched = seen;
    try {
      await upgrade({ cwd: dir, datasource: 'data-source.ts', env: apiEnv(db) });
      const ddl = seen.filter((q) => q.includes('"watched_'));
      assert.deepEqual(ddl, ['CREATE TABLE "watched_a" ("id" integer)', `COMMENT ON TABLE "watched_a" IS 'seen'`, 'CREATE TABLE "watched_b" ("id" integer)']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });

  describe(`pipelined statements end as one-at-a-time ones do (${target.name})`, () => {
    const dbs: ScratchDatabase[] = [];
    const dirs: string[] = [];
    after(async () => {
      for (const d of dbs) await d.drop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    for (let seed = FIRST; seed < FIRST + SEEDS; seed++) {
      test(`seed ${seed}`, async () => {
        const { steps, fails } = randomProgram(rng(seed).fork('pipeline'), 0.5);
        const [dbm, plain] = [await createScratchDatabase(target, 'pipe_dbm'), await createScratchDatabase(target, 'pipe_oracle')];
        dbs.push(dbm, plain);
        const dir = writeProject(steps, 1700000000000 + seed);
        dirs.push(dir);
        const expected = await oracle(plain.url, steps);
        let failure: DbManageError | null = null;
        try {
          await upgrade({ cwd: dir, datasource: 'data-source.ts', env: apiEnv(dbm) });
        } catch (err) {
          failure = err as DbManageError;
        }
        const why = `PIPELINE_SEED=${seed}${fails ? ' (one statement fails)' : ''}`;
        if (expected === null) {
          assert.equal(failure, null, `${why}: db-manage failed where one-at-a-time succeeded: ${failure?.message}`);
        } else {
          assert.ok(failure, `${why}: db-manage succeeded where ${expected.statement} failed`);
          assert.equal(failure.code, 'migration-failed', why);
          const details = failure.details as { statement: string; postgres: { code: string; message: string; position?: string } };
          assert.equal(details.statement, expected.statement, `${why}: the failing statement`);
          assert.deepEqual(
            { code: details.postgres.code, message: details.postgres.message, position: details.postgres.position },
            { code: expected.code, message: expected.message, position: expected.position },
            `${why}: PostgreSQL's error`,
          );
          const applied = await adminQuery(dbm.url, 'SELECT "name" FROM "migrations"');
          assert.deepEqual(applied, [], `${why}: the failed migration is not recorded`);
        }
        assert.deepEqual(await userState(dbm.url), await userState(plain.url), `${why}: the database`);
      });
    }
  });
}
