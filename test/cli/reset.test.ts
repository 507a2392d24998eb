import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEVLOOP, projectDatabase, rowCounts } from '../support/devloop-project';
import { runCli } from '../support/run-cli';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

const SEEDED = { users: 4, posts: 5, 'analytics.page_views': 12 };

for (const target of testTargets()) {
  describe(`db-manage reset / reset-schema / reset-table (${target.name})`, () => {
    let db: ScratchDatabase;
    const cli = (args: string[], env: Record<string, string | undefined> = {}) => runCli(args, { cwd: DEVLOOP, env: { ...targetEnv(db), ...env } });
    const seed = async () => {
      const r = await cli(['seed']);
      assert.equal(r.code, 0, r.stderr);
    };

    before(async () => {
      db = await projectDatabase(target);
    });
    after(() => dropWithSnapshots(db));

    test('reset --yes then seed leaves 4 users with bcrypt hashes; a second seed still 4', async () => {
      await seed();
      const reset = await cli(['reset', '--yes', '--no-snapshot']);
      assert.equal(reset.code, 0, reset.stderr);
      assert.match(reset.stdout, /Drop 5 tables, 1 enum type and 0 other objects/);
      assert.match(reset.stdout, /apply InitialMigration1795292371211/);
      assert.match(reset.stdout, /reset: 5 tables dropped, 1 migration applied/);
      assert.match(reset.stdout, /Nothing else was in those schemas/);
      await seed();
      await seed();
      const users = await adminQuery<{ hash: string }>(db.url, 'SELECT "passwordHash" AS hash FROM users');
      assert.equal(users.length, 4);
      for (const u of users) assert.match(u.hash, /^\$2[aby]\$10\$/);
    });

    test('reset without a TTY and without --yes exits non-zero and changes nothing', async () => {
      const before = await rowCounts(db);
      assert.deepEqual(before, SEEDED);
      const r = await cli(['reset']);
      assert.equal(r.code, 9);
      assert.match(r.stderr, /^error: reset on database \S+: 2 schemas \(analytics, public\), 5 tables with \d+ rows will be dropped.*--yes/);
      assert.deepEqual(await rowCounts(db), before);
    });

    test('NODE_ENV=production db-manage reset --yes refuses', async () => {
      const r = await cli(['reset', '--yes'], { NODE_ENV: 'production' });
      assert.equal(r.code, 9);
      assert.match(r.stderr, /reset refused: NODE_ENV is production/);
      assert.deepEqual(await rowCounts(db), SEEDED);
    });

    test('reset-schema analytics and reset-table posts leave the other tables intact', async () => {
      // After `--` every word is the name, as POSIX has it.
      const schema = await cli(['reset-schema', '--yes', '--no-snapshot', '--', 'analytics']);
      assert.equal(schema.code, 0, schema.stderr);
      assert.deepEqual(await rowCounts(db), { users: 4, posts: 5, 'analytics.page_views': 0 });
      const table = await cli(['reset-table', 'posts', '--yes', '--no-snapshot']);
      assert.equal(table.code, 0, table.stderr);
      assert.match(table.stdout, /Table public\.posts recreated empty/);
      assert.deepEqual(await rowCounts(db), { users: 4, posts: 0, 'analytics.page_views': 0 });
      await seed();
    });

    test('a name starting with "-" reaches the command after `--` (hardening: a schema named like an option)', async () => {
      const r = await cli(['reset-schema', '--yes', '--no-snapshot', '--', '-archive']);
      assert.notEqual(r.code, 2, r.stderr);
      assert.match(r.stderr, /-archive/);
      assert.doesNotMatch(r.stderr, /Missing required argument|Unknown argument/);
      assert.deepEqual(await rowCounts(db), SEEDED);
    });

    test('a malicious table name is rejected, lists the valid names, runs nothing', async () => {
      const r = await cli(['reset-table', 'users; drop table posts', '--yes', '--json']);
      assert.equal(r.code, 8);
      const doc = JSON.parse(r.stdout) as { error: { code: string; details: { valid: string[] } } };
      assert.equal(doc.error.code, 'name-not-found');
      assert.deepEqual(doc.error.details.valid, ['analytics.page_views', 'posts', 'users']);
      assert.match(r.stderr, /is not a table the entities manage\. Valid tables: analytics\.page_views, posts, users/);
      assert.deepEqual(await rowCounts(db), SEEDED);
    });

    test('snapshot, then reset, then restore brings the data back', async () => {
      const taken = await cli(['snapshot', 'seeded']);
      assert.equal(taken.code, 0, taken.stderr);
      const reset = await cli(['reset', '--yes']);
      assert.equal(reset.code, 0, reset.stderr);
      assert.match(reset.stdout, /undo with: npx db-manage restore auto-\d{8}-\d{6}-reset/);
      assert.deepEqual(await rowCounts(db), { users: 0, posts: 0, 'analytics.page_views': 0 });
      const restored = await cli(['restore', 'seeded', '--yes', '--no-snapshot']);
      assert.equal(restored.code, 0, restored.stderr);
      assert.deepEqual(await rowCounts(db), SEEDED);
    });

    test('--json prints one document with the plan and the applied migrations', async () => {
      const r = await cli(['reset-table', 'analytics.page_views', '--truncate', '--yes', '--no-snapshot', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as { mode: string; plan: { tables: { table: string; rows: number }[] } };
      assert.equal(doc.mode, 'truncate');
      assert.deepEqual(doc.plan.tables.map((t) => [t.table, t.rows]), [['page_views', 12]]);
    });
  });
}
