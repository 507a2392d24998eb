import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { history, upgrade, type DbManageError, type ProgressEvent } from '../../../src/api';
import { FIXTURES } from '../../support/fixture-project';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../../support/test-cluster';

const cwd = join(FIXTURES, 'runner', 'failing');
const ALPHA = 'CreateAlpha1700000000001';
const BETA = 'CreateBetaThenFail1700000000002';

async function failure(promise: Promise<unknown>): Promise<DbManageError> {
  try {
    await promise;
  } catch (err) {
    return err as DbManageError;
  }
  assert.fail('expected the upgrade to fail');
}

for (const target of testTargets()) {
  describe(`a failing migration (${target.name})`, () => {
    const dbs: ScratchDatabase[] = [];
    after(() => Promise.all(dbs.map((d) => d.drop())));

    async function fresh() {
      const db = await createScratchDatabase(target, 'runner_fail');
      dbs.push(db);
      return { db, options: { cwd, datasource: 'data-source.ts', env: apiEnv(db) } };
    }
    const tables = async (db: ScratchDatabase) =>
      (await adminQuery<{ t: string }>(db.url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'db_manage_checksums') ORDER BY 1`)).map((r) => r.t);
    const applied = async (db: ScratchDatabase) => (await adminQuery<{ name: string }>(db.url, 'SELECT "name" FROM "migrations" ORDER BY "id"')).map((r) => r.name);

    test('names the migration, the statement and PostgreSQL\'s message; the DB stays at the previous one', async () => {
      const { db, options } = await fresh();
      const events: ProgressEvent[] = [];
      const err = await failure(upgrade({ ...options, onProgress: (e) => events.push(e) }));
      assert.equal(err.code, 'migration-failed');
      assert.equal(err.message, `migration ${BETA} failed on ALTER TABLE "no_such_table" ADD "x" integer: relation "no_such_table" does not exist`);
      assert.equal(err.hint, `Nothing of it was applied; the database stays at ${ALPHA}. Fix the migration and run upgrade again`);
      assert.doesNotMatch(err.oneLine, /\n/);
      assert.deepEqual((err.details as { postgres: { code: string } }).postgres.code, '42P01');
      assert.equal(err.details.statement, 'ALTER TABLE "no_such_table" ADD "x" integer');
      assert.deepEqual(await tables(db), ['alpha'], 'the first statement of the failed migration was rolled back');
      assert.deepEqual(await applied(db), [ALPHA]);
      const sums = await adminQuery<{ name: string }>(db.url, 'SELECT "name" FROM "db_manage_checksums"');
      assert.deepEqual(sums.map((s) => s.name), [ALPHA]);
      const fail = events.find((e) => e.kind === 'step' && e.phase === 'fail');
      assert.deepEqual(fail && fail.kind === 'step' ? fail.label : null, `apply ${BETA}`);
      const list = await history(options);
      assert.deepEqual(list.migrations.map((m) => m.state), ['applied', 'pending', 'pending']);
    });

    test('--transaction all rolls the whole run back', async () => {
      const { db, options } = await fresh();
      const err = await failure(upgrade({ ...options, transaction: 'all' }));
      assert.equal(err.code, 'migration-failed');
      assert.equal(err.hint, 'The whole run was rolled back (--transaction all); the database stays at base');
      assert.deepEqual(await tables(db), []);
      assert.deepEqual(await applied(db), []);
    });

    test('--transaction none keeps the statements before the failing one and does not record it', async () => {
      const { db, options } = await fresh();
      const err = await failure(upgrade({ ...options, transaction: 'none' }));
      assert.equal(err.code, 'migration-failed');
      assert.match(String(err.hint), /ran outside a transaction/);
      assert.deepEqual(await tables(db), ['alpha', 'beta']);
      assert.deepEqual(await applied(db), [ALPHA]);
    });
  });
}
