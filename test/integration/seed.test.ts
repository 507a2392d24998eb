import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DbManageError, seedDatabase } from '../../src/api';
import { DEVLOOP, migrateToHead, rowCounts } from '../support/devloop-project';
import { ROOT } from '../support/run-cli';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

const hasCode = (code: string) => (e: unknown) => e instanceof DbManageError && e.code === code;

for (const target of testTargets()) {
  describe(`seed on the ${target.name} server`, () => {
    let db: ScratchDatabase;
    const options = () => ({ cwd: DEVLOOP, env: apiEnv(db) });

    before(async () => {
      db = await createScratchDatabase(target, 'seed');
      await migrateToHead(db);
    });
    after(() => db.drop());

    test('creates the four sample users with bcrypt hashes, posts and page views', async () => {
      const report = await seedDatabase(options());
      assert.deepEqual(
        report.seeds.map((s) => [s.name, s.created, s.existing]),
        [['users', 4, 0], ['posts', 5, 0], ['page-views', 12, 0], ['extra-users', 0, 0]],
      );
      assert.equal(report.production, false);
      assert.deepEqual(report.credentials.map((c) => [c.username, c.email, c.password]), [
        ['admin', 'admin@example.com', 'Password123!'],
        ['john_doe', 'john@example.com', 'Password123!'],
        ['jane_smith', 'jane@example.com', 'Password123!'],
        ['test_user', 'test@example.com', 'Password123!'],
      ]);
      const users = await adminQuery<{ username: string; email: string; role: string; hash: string }>(
        db.url,
        `SELECT username, email, role::text AS role, "passwordHash" AS hash FROM users ORDER BY username`,
      );
      assert.deepEqual(users.map((u) => [u.username, u.role]), [['admin', 'admin'], ['jane_smith', 'member'], ['john_doe', 'member'], ['test_user', 'member']]);
      for (const u of users) {
        assert.match(u.hash, /^\$2[aby]\$10\$.{53}$/, `${u.username} has a cost-10 bcrypt hash`);
        assert.ok(!u.hash.includes('Password123!'));
      }
      // The hash really is of the sample password.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bcrypt = require('bcrypt') as { compare(a: string, b: string): Promise<boolean> };
      assert.equal(await bcrypt.compare('Password123!', users[0].hash), true);
      const posts = await adminQuery<{ slug: string; tags: string[] }>(db.url, 'SELECT slug, tags FROM posts ORDER BY slug');
      assert.ok(posts.every((p) => /^[a-z0-9-]+$/.test(p.slug)));
      assert.ok(posts.some((p) => p.tags.includes('postgres')));
      assert.deepEqual(await rowCounts(db), { users: 4, posts: 5, 'analytics.page_views': 12 });
    });

    test('a second run creates nothing, fails nothing, and reports what existed', async () => {
      const report = await seedDatabase(options());
      assert.equal(report.created, 0);
      assert.deepEqual(report.seeds.map((s) => [s.name, s.existing]), [['users', 4], ['posts', 5], ['page-views', 12], ['extra-users', 0]]);
      assert.deepEqual(await rowCounts(db), { users: 4, posts: 5, 'analytics.page_views': 12 });
    });

    test('--users N adds N realistic users, each with its own hash', async () => {
      const report = await seedDatabase({ ...options(), users: 8, only: ['extra-users'] });
      assert.deepEqual(report.seeds.map((s) => [s.name, s.created]), [['extra-users', 8]]);
      const extra = await adminQuery<{ username: string; email: string; hash: string }>(
        db.url,
        `SELECT username, email, "passwordHash" AS hash FROM users WHERE username NOT IN ('admin', 'john_doe', 'jane_smith', 'test_user')`,
      );
      assert.equal(extra.length, 8);
      assert.equal(new Set(extra.map((u) => u.hash)).size, 8, 'every user has its own salt');
      for (const u of extra) {
        assert.match(u.username, /^[a-z]+\.[a-z]+\.[0-9a-f]{8}$/);
        assert.match(u.email, /^[a-z]+\.[a-z]+\.[0-9a-f]{8}@example\.(com|net|org)$/);
      }
    });

    test('in production the sample credentials are not returned', async () => {
      const report = await seedDatabase({ cwd: DEVLOOP, env: { ...apiEnv(db), NODE_ENV: 'production' } });
      assert.equal(report.production, true);
      assert.deepEqual(report.credentials, []);
    });

    test('a failing seed rolls back its own rows and names itself', async () => {
      await assert.rejects(seedDatabase({ ...options(), seeds: join(ROOT, 'test/fixtures/seeds/failing.ts') }), (e: unknown) => {
        assert.ok(hasCode('seed-failed')(e));
        assert.match((e as Error).message, /^seed broken failed: boom in the middle/);
        return true;
      });
      const half = await adminQuery(db.url, `SELECT 1 FROM users WHERE username = 'half_done'`);
      assert.equal(half.length, 0);
    });

    test('seeding a database the migrations have not built says to upgrade first', async () => {
      const empty = await createScratchDatabase(target, 'seed_empty');
      try {
        await assert.rejects(seedDatabase({ cwd: DEVLOOP, env: apiEnv(empty) }), (e: unknown) => {
          assert.ok(hasCode('seed-failed')(e));
          assert.match((e as DbManageError).hint ?? '', /Run npx db-manage upgrade first/);
          return true;
        });
      } finally {
        await empty.drop();
      }
    });

    test('unknown seeds, a missing registry and bad --users values are refused', async () => {
      await assert.rejects(seedDatabase({ ...options(), only: ['nope'] }), (e: unknown) => hasCode('name-not-found')(e) && /users, posts/.test((e as DbManageError).hint ?? ''));
      await assert.rejects(seedDatabase({ ...options(), seeds: 'no/such/seeds.ts' }), hasCode('config-not-found'));
      await assert.rejects(seedDatabase({ ...options(), users: -1 }), hasCode('usage'));
      await assert.rejects(seedDatabase({ ...options(), users: 1.5 }), hasCode('usage'));
    });
  });
}
