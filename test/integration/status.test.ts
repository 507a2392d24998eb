import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { status } from '../../src/api';
import { ROOT } from '../support/run-cli';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

for (const target of testTargets()) {
  describe(`status on the ${target.name} server`, () => {
    let db: ScratchDatabase;
    before(async () => {
      db = await createScratchDatabase(target, 'status');
      await adminQuery(db.url, 'CREATE SCHEMA extra; CREATE TABLE extra.t (x int); INSERT INTO extra.t VALUES (1), (2)');
    });
    after(() => db.drop());

    test('reports the connection, the server and row counts', async () => {
      const report = await status({ cwd: ROOT, env: apiEnv(db) });
      assert.equal(report.connection.kind, target.name);
      assert.equal(report.connection.database, db.name);
      assert.match(report.connection.serverVersion, /^\d+\.\d+/);
      if (target.name === 'embedded') assert.match(report.connection.serverVersion, /^17\./);
      assert.deepEqual(report.tables, [{ schema: 'extra', table: 't', rows: 2 }]);
      assert.deepEqual(report.migrations, { applied: 0, pending: 0, pendingNames: [] });
      assert.equal(report.current, null);
      assert.ok(!report.connection.url.includes(new URL(db.url).password || '\u0000'));
    });

    test('quick omits tables and migrations', async () => {
      const report = await status({ cwd: ROOT, env: apiEnv(db), quick: true });
      assert.equal(report.tables, undefined);
      assert.equal(report.migrations, undefined);
    });
  });
}
