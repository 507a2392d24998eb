import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { check, status, upgrade } from '../../src/api';
import { ROOT } from '../support/run-cli';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

/**
 * Real-world finding (a NestJS boilerplate): its TypeORM-generated migration uses
 * uuid_generate_v4() and never creates uuid-ossp, because TypeORM creates the extensions
 * its entities need when it connects. `typeorm migration:run` applied it; `upgrade` failed.
 */
function project(dir: string, installExtensions?: boolean): void {
  mkdirSync(join(dir, 'migrations'), { recursive: true });
  const option = installExtensions === undefined ? '' : `, installExtensions: ${installExtensions}`;
  writeFileSync(
    join(dir, 'data-source.ts'),
    [
      "import { DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';",
      "@Entity({ name: 'sessions' })",
      "export class Session { @PrimaryGeneratedColumn('uuid') id!: string; }",
      `export default new DataSource({ type: 'postgres', entities: [Session], migrations: [\`\${__dirname}/migrations/*.ts\`]${option} });`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'migrations', '1700000000000-Sessions.ts'),
    [
      "import type { MigrationInterface, QueryRunner } from 'typeorm';",
      'export class Sessions1700000000000 implements MigrationInterface {',
      '  name = "Sessions1700000000000";',
      '  async up(q: QueryRunner) { await q.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), CONSTRAINT "PK_sessions" PRIMARY KEY ("id"))`); }',
      '  async down(q: QueryRunner) { await q.query(`DROP TABLE "sessions"`); }',
      '}',
      '',
    ].join('\n'),
  );
}

const hasUuidOssp = async (db: ScratchDatabase) => (await adminQuery(db.url, `SELECT 1 FROM pg_extension WHERE extname = 'uuid-ossp'`)).length === 1;

for (const target of testTargets()) {
  describe(`upgrade creates the extensions TypeORM would, as migration:run does (${target.name})`, () => {
    const dbs: ScratchDatabase[] = [];
    const dirs: string[] = [];
    after(async () => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
      await Promise.all(dbs.map((d) => d.drop()));
    });
    const fresh = async (name: string, installExtensions?: boolean) => {
      const db = await createScratchDatabase(target, name);
      dbs.push(db);
      const dir = join(ROOT, '.db-manage', 'ext-projects', `${name}-${target.name}-${process.pid}`);
      dirs.push(dir);
      project(dir, installExtensions);
      return { db, options: { cwd: dir, datasource: 'data-source.ts', env: apiEnv(db) } };
    };

    test("a TypeORM-generated migration that relies on uuid-ossp applies; read-only commands before it create nothing", async () => {
      const { db, options } = await fresh('ext_uuid');
      await status(options);
      await check(options).catch(() => undefined);
      assert.equal(await hasUuidOssp(db), false, 'status and check write nothing');
      const report = await upgrade(options);
      assert.equal(report.applied.length, 1);
      assert.equal(await hasUuidOssp(db), true);
    });

    test('installExtensions: false in the data source is honoured', async () => {
      const { db, options } = await fresh('ext_off', false);
      await assert.rejects(upgrade(options), /uuid_generate_v4\(\) does not exist/);
      assert.equal(await hasUuidOssp(db), false);
    });
  });
}
