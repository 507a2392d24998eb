import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { snapshot, status, upgrade } from '../../src/api';
import { ROOT } from '../support/run-cli';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

/** The project's own migrations, by class name. */
const PROJECT_MIGRATIONS = readdirSync(join(ROOT, 'src', 'migrations'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => {
    const [timestamp, name] = f.replace(/\.ts$/, '').split('-');
    return `${name}${timestamp}`;
  })
  .sort();

for (const target of testTargets()) {
  describe(`status on the ${target.name} server`, () => {
    let db: ScratchDatabase;
    const options = () => ({ cwd: ROOT, env: apiEnv(db) });
    before(async () => {
      db = await createScratchDatabase(target, 'status');
      await adminQuery(db.url, 'CREATE SCHEMA extra; CREATE TABLE extra.t (x int); INSERT INTO extra.t VALUES (1), (2)');
    });
    after(() => dropWithSnapshots(db));

    test('before any migration: the connection, row counts, pending migrations and drift', async () => {
      const report = await status(options());
      assert.equal(report.connection.kind, target.name);
      assert.equal(report.connection.database, db.name);
      if (target.name === 'embedded') assert.match(report.connection.serverVersion, /^17\./);
      assert.deepEqual(report.tables, [{ schema: 'extra', table: 't', rows: 2 }]);
      assert.deepEqual(report.migrations, { applied: 0, pending: PROJECT_MIGRATIONS.length, pendingNames: PROJECT_MIGRATIONS });
      assert.equal(report.current, null);
      assert.ok(report.drift && report.drift.some((op) => op.description === 'create table public.users'));
      assert.ok(!report.connection.url.includes(new URL(db.url).password || '\u0000'));
    });

    test('after upgrade: the revision and its message, no drift, and the snapshots', async () => {
      await upgrade(options());
      await snapshot({ ...options(), name: 'status-check' });
      const report = await status(options());
      assert.equal(report.current?.name, PROJECT_MIGRATIONS[PROJECT_MIGRATIONS.length - 1]);
      assert.equal(report.current?.message, 'Initial migration');
      assert.deepEqual(report.migrations, { applied: PROJECT_MIGRATIONS.length, pending: 0, pendingNames: [] });
      assert.deepEqual(report.drift, []);
      assert.deepEqual(report.snapshots?.map((s) => s.name), ['status-check']);
      assert.deepEqual(report.issues, []);
    });

    test('quick omits tables and migrations', async () => {
      const report = await status({ ...options(), quick: true });
      assert.equal(report.tables, undefined);
      assert.equal(report.migrations, undefined);
      assert.ok(report.current);
    });
  });
}
