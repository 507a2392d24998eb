import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DataSource } from 'typeorm';
import { current, downgrade, history, stamp, status, upgrade, type DbManageError } from '../../../src/api';
import { copyFixture, type FixtureProject } from '../../support/fixture-project';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../../support/test-cluster';

const M1 = 'CreateItems1700000000001';
const M2 = 'AddItemPrice1700000000002';
const M4 = 'IndexTagLabel1700000000004';

async function failure(promise: Promise<unknown>): Promise<DbManageError> {
  try {
    await promise;
  } catch (err) {
    return err as DbManageError;
  }
  assert.fail('expected a failure');
}

const lateMigration = (name: string) => `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name} implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`INSERT INTO "runner_ledger" ("name") VALUES ('${name}')\`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DELETE FROM "runner_ledger" WHERE "name" = '${name}'\`);
  }
}
`;

for (const target of testTargets()) {
  describe(`history you can trust (${target.name})`, () => {
    const cleanups: (() => unknown)[] = [];
    after(async () => {
      for (const c of cleanups) await c();
    });

    async function project(fixture = 'runner/basic') {
      const db = await createScratchDatabase(target, 'runner_trust');
      const copy: FixtureProject = copyFixture(fixture);
      cleanups.push(() => db.drop(), () => copy.remove());
      return { db, dir: copy.dir, options: { cwd: copy.dir, datasource: 'data-source.ts', env: apiEnv(db) } };
    }

    test('an edited applied migration is reported, blocks upgrade, and stamp accepts it', async () => {
      const { dir, options } = await project();
      await upgrade({ ...options, target: M2 });
      const file = join(dir, 'migrations', '1700000000001-CreateItems.ts');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original.replace(/\n/g, '\r\n'));
      assert.deepEqual((await history(options)).issues, [], 'line endings alone are not an edit');

      writeFileSync(file, original.replace('"title" text NOT NULL', '"title" text'));
      const list = await history(options);
      assert.deepEqual(list.migrations[0].flags, ['edited']);
      assert.deepEqual(list.issues.map((i) => i.kind), ['edited']);
      assert.deepEqual((await current(options)).issues.map((i) => i.name), [M1]);
      assert.deepEqual((await status(options)).issues?.map((i) => i.message), [`${M1} was edited after it was applied`]);

      const err = await failure(upgrade(options));
      assert.equal(err.code, 'history-tampered');
      assert.equal(err.oneLine, `upgrade refused: ${M1} was edited after it was applied. Restore the file, or accept the project as it is now with npx db-manage stamp ${M2}`);
      assert.deepEqual((await history(options)).migrations.map((m) => m.state), ['applied', 'applied', 'pending', 'pending'], 'nothing ran');

      const stamped = await stamp({ ...options, target: M2 });
      assert.deepEqual(stamped.refreshed, [M1]);
      assert.deepEqual(stamped.recorded, []);
      assert.deepEqual((await history(options)).issues, []);
      assert.equal((await upgrade(options)).applied.length, 2);
    });

    test('a deleted applied migration is reported; stamp forgets it', async () => {
      const { db, dir, options } = await project();
      await upgrade(options);
      rmSync(join(dir, 'migrations', '1700000000004-IndexTagLabel.ts'));
      const list = await history(options);
      assert.deepEqual(list.migrations.at(-1), { name: M4, timestamp: 1700000000004, state: 'applied', appliedAt: list.migrations.at(-1)?.appliedAt, flags: ['missing'], file: null });
      assert.equal((await failure(upgrade(options))).code, 'history-tampered');
      const down = await failure(downgrade({ ...options, yes: true, snapshot: false }));
      assert.equal(down.code, 'history-tampered');
      assert.match(down.message, /cannot revert IndexTagLabel1700000000004: its migration file is missing/);
      const stamped = await stamp({ ...options, target: 'head' });
      assert.deepEqual(stamped.removed, [M4]);
      assert.equal(stamped.to?.name, 'CreateTags1700000000003');
      assert.deepEqual((await history(options)).issues, []);
      const rows = await adminQuery<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM "db_manage_checksums" WHERE "name" = '${M4}'`);
      assert.deepEqual(rows, [{ n: 0 }]);
    });

    test('a pending migration older than the head is refused unless allowed', async () => {
      const { dir, options } = await project();
      await upgrade(options);
      writeFileSync(join(dir, 'migrations', '1699999999999-AddLate.ts'), lateMigration('AddLate1699999999999'));
      const list = await history(options);
      assert.deepEqual(list.migrations[0].flags, ['out-of-order']);
      assert.equal(list.issues[0].message, `AddLate1699999999999 is pending but older than the applied head ${M4}`);
      const err = await failure(upgrade(options));
      assert.equal(err.code, 'history-conflict');
      assert.match(err.oneLine, /--allow-out-of-order/);
      const report = await upgrade({ ...options, allowOutOfOrder: true });
      assert.deepEqual(report.applied.map((s) => s.name), ['AddLate1699999999999']);
      assert.deepEqual(report.outOfOrder, ['AddLate1699999999999']);
      assert.equal(report.to?.name, M4, 'the head does not move back');
      assert.deepEqual((await history(options)).issues, []);
    });

    test('two migrations with one timestamp are a clear error', async () => {
      const { dir, options } = await project();
      writeFileSync(join(dir, 'migrations', '1700000000002-AddTwin.ts'), lateMigration('AddTwin1700000000002'));
      const err = await failure(upgrade(options));
      assert.equal(err.code, 'history-conflict');
      assert.match(err.message, /AddItemPrice1700000000002 and AddTwin1700000000002 have the same timestamp 1700000000002|AddTwin1700000000002 and AddItemPrice1700000000002 have the same timestamp 1700000000002/);
    });

    test('TypeORM keeps working: its own table, schema and runMigrations()', async () => {
      const { db, dir, options } = await project('runner/custom-table');
      await upgrade({ ...options, target: '+1' });
      const tables = await adminQuery<{ t: string }>(db.url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'app' ORDER BY 1`);
      assert.deepEqual(tables.map((r) => r.t), ['app_migrations', 'db_manage_checksums', 'notes']);

      const typeorm = new DataSource({
        type: 'postgres',
        url: db.url,
        schema: 'app',
        migrationsTableName: 'app_migrations',
        migrations: [`${dir}/migrations/*.ts`],
      });
      await typeorm.initialize();
      try {
        // TypeORM applies what we left pending, without a checksum of ours…
        const ran = await typeorm.runMigrations();
        assert.deepEqual(ran.map((m) => m.name), ['AddNoteTitle1700000000002']);
        assert.deepEqual((await history(options)).migrations.map((m) => m.flags), [[], ['unverified']]);
        // …which the next upgrade adopts.
        const adopted = await upgrade(options);
        assert.deepEqual(adopted.applied, []);
        assert.deepEqual(adopted.adopted, ['AddNoteTitle1700000000002']);
        assert.deepEqual((await history(options)).migrations.map((m) => m.flags), [[], []]);
        // And TypeORM sees our downgrade.
        await downgrade({ ...options, yes: true, snapshot: false });
        assert.equal(await typeorm.showMigrations(), true);
        await upgrade(options);
        assert.equal(await typeorm.showMigrations(), false);
      } finally {
        await typeorm.destroy();
      }
    });
  });
}
