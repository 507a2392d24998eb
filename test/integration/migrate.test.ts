import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { check, isDbManageError, migrate } from '../../src/api';
import { ROOT } from '../support/run-cli';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

/** The project's entities without its migrations folder, which may hold migrations this database lacks. */
const PROJECT = { cwd: ROOT, datasource: 'test/fixtures/scenarios/project/data-source.ts' };

for (const target of testTargets()) {
  describe(`migrate on the ${target.name} server`, () => {
    let db: ScratchDatabase;
    before(async () => {
      db = await createScratchDatabase(target, 'migrate_api');
    });
    after(() => db.drop());

    test('zero entities is an error that shows the glob it used', async () => {
      const cwd = join(ROOT, 'test', 'fixtures', 'projects', 'no-entities');
      await assert.rejects(migrate({ cwd, env: apiEnv(db), message: 'Initial' }), (e: unknown) => {
        assert.ok(isDbManageError(e));
        assert.equal(e.code, 'no-entities');
        assert.match(e.message, /no entities loaded from .*src\/entity\/\*\.entity\.ts/);
        assert.deepEqual(e.details.entities, [`${cwd}/src/entity/*.entity.ts`]);
        return true;
      });
      assert.equal(existsSync(join(cwd, 'src')), false, 'nothing written');
    });

    test("--sql on the project's own entities: schema first, uuid keys, nothing written", async () => {
      const report = await migrate({ ...PROJECT, env: apiEnv(db), message: 'Initial', sql: true });
      assert.equal(report.changed, true);
      assert.equal(report.file, null);
      assert.deepEqual(report.entities.names, ['PageView', 'Post', 'User']);
      assert.equal(report.sql?.up[0], 'CREATE SCHEMA IF NOT EXISTS "analytics"');
      assert.equal(report.sql?.down[report.sql.down.length - 1], 'DROP SCHEMA "analytics"');
      assert.ok(report.sql?.up.some((s) => s.includes('"id" uuid NOT NULL DEFAULT gen_random_uuid()')));
    });

    test('a schema no entity uses is never proposed for dropping', async () => {
      await adminQuery(db.url, 'CREATE SCHEMA IF NOT EXISTS audit; CREATE TABLE IF NOT EXISTS audit.events (id int)');
      const report = await migrate({ ...PROJECT, env: apiEnv(db), message: 'Initial', sql: true });
      assert.ok(!report.sql?.up.some((s) => s.includes('audit')), report.sql?.up.join('\n'));
    });

    test('check reports the same operations migrate would write', async () => {
      const report = await check({ ...PROJECT, env: apiEnv(db) });
      assert.equal(report.clean, false);
      const generated = await migrate({ ...PROJECT, env: apiEnv(db), message: 'Initial', sql: true });
      assert.deepEqual(report.operations, generated.operations);
    });
  });
}
