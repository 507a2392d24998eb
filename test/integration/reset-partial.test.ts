import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DbManageError, resetSchema, resetTable, seedDatabase, type DestructionPlan } from '../../src/api';
import { catalogFingerprint } from '../../src/api/engine';
import { DEVLOOP, projectDatabase, rowCounts } from '../support/devloop-project';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, apiEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

const hasCode = (code: string) => (e: unknown) => e instanceof DbManageError && e.code === code;
const SEEDED = { users: 4, posts: 5, 'analytics.page_views': 12 };

for (const target of testTargets()) {
  describe(`reset-schema and reset-table on the ${target.name} server`, () => {
    let db: ScratchDatabase;
    let shape: string;
    const options = () => ({ cwd: DEVLOOP, env: apiEnv(db), snapshot: false, yes: true });
    const fingerprint = async () => {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        return await catalogFingerprint({ query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows });
      } finally {
        await client.end();
      }
    };
    const linkedViews = async () =>
      Number((await adminQuery<{ n: string }>(db.url, 'SELECT count(*) AS n FROM analytics.page_views WHERE "userId" IS NOT NULL'))[0].n);

    before(async () => {
      db = await projectDatabase(target);
      shape = await fingerprint();
    });
    beforeEach(async () => {
      await adminQuery(db.url, 'TRUNCATE users, posts, analytics.page_views');
      await seedDatabase({ cwd: DEVLOOP, env: apiEnv(db) });
    });
    after(() => dropWithSnapshots(db));

    test('reset-schema analytics empties it and leaves the other tables intact', async () => {
      const report = await resetSchema({ ...options(), schema: 'analytics' });
      assert.deepEqual(await rowCounts(db), { users: 4, posts: 5, 'analytics.page_views': 0 });
      assert.deepEqual(report.tables, [{ schema: 'analytics', table: 'page_views' }]);
      assert.equal(await fingerprint(), shape, 'the schema is rebuilt exactly as it was');
    });

    test('reset-table posts leaves the other tables intact', async () => {
      const report = await resetTable({ ...options(), table: 'posts' });
      assert.equal(report.mode, 'recreate');
      assert.deepEqual(await rowCounts(db), { users: 4, posts: 0, 'analytics.page_views': 12 });
      assert.equal(await fingerprint(), shape);
    });

    test('reset-table users: posts go (ON DELETE CASCADE), page views keep their rows with userId NULL (SET NULL)', async () => {
      const linked = await linkedViews();
      assert.ok(linked > 0);
      let plan: DestructionPlan | null = null;
      const report = await resetTable({ cwd: DEVLOOP, env: apiEnv(db), snapshot: false, table: 'public.users', confirm: async (p) => ((plan = p), true) });
      const shown = plan as DestructionPlan | null;
      assert.deepEqual(shown?.tables, [{ schema: 'public', table: 'users', rows: 4 }]);
      assert.match(shown?.notes.join('\n') ?? '', /5 rows of public\.posts will be deleted/);
      assert.match(shown?.notes.join('\n') ?? '', new RegExp(`${linked} row${linked === 1 ? '' : 's'} of analytics\\.page_views will get userId set to NULL`));
      assert.equal(report.referenceActions.length, 2);
      assert.deepEqual(await rowCounts(db), { users: 0, posts: 0, 'analytics.page_views': 12 });
      assert.equal(await linkedViews(), 0);
      assert.equal(await fingerprint(), shape, 'the foreign keys pointing at users are back');
    });

    test('reset-table --truncate honours the same keys and keeps the structure', async () => {
      const report = await resetTable({ ...options(), table: 'users', truncate: true });
      assert.equal(report.mode, 'truncate');
      assert.deepEqual(await rowCounts(db), { users: 0, posts: 0, 'analytics.page_views': 12 });
      assert.equal(await linkedViews(), 0);
      assert.equal(await fingerprint(), shape);
    });

    test('reset-schema public: the analytics rows stay, unlinked, as their key says', async () => {
      const report = await resetSchema({ ...options(), schema: 'public' });
      assert.deepEqual(await rowCounts(db), { users: 0, posts: 0, 'analytics.page_views': 12 });
      assert.equal(await linkedViews(), 0);
      assert.equal(await fingerprint(), shape);
    });

    test('a malicious table name is rejected with the valid names and nothing runs', async () => {
      const before = await fingerprint();
      for (const name of ['users; drop table posts', 'users" cascade; --', 'pg_catalog.pg_class', 'migrations']) {
        await assert.rejects(resetTable({ ...options(), table: name }), (e: unknown) => {
          assert.ok(hasCode('name-not-found')(e), name);
          assert.match((e as DbManageError).hint ?? '', /Valid tables: analytics\.page_views, posts, users/);
          return true;
        });
      }
      await assert.rejects(resetSchema({ ...options(), schema: 'pg_catalog' }), (e: unknown) => hasCode('name-not-found')(e) && /Valid schemas: analytics, public/.test((e as DbManageError).hint ?? ''));
      assert.deepEqual(await rowCounts(db), SEEDED);
      assert.equal(await fingerprint(), before);
    });

    test('a NO ACTION key from outside with rows makes reset-table refuse, and explains', async () => {
      await adminQuery(db.url, 'CREATE TABLE public.likes (post uuid REFERENCES posts(id)); INSERT INTO public.likes SELECT id FROM posts LIMIT 3');
      try {
        await assert.rejects(resetTable({ ...options(), table: 'posts' }), (e: unknown) => {
          assert.ok(hasCode('data-loss-refused')(e));
          assert.match((e as Error).message, /3 rows of public\.likes\(post\) → public\.posts ON DELETE NO ACTION/);
          assert.match((e as DbManageError).hint ?? '', /Nothing was changed/);
          return true;
        });
        assert.deepEqual(await rowCounts(db), SEEDED);
        // Truncating refuses the same way: the rule is about rows, not about how they go.
        await assert.rejects(resetTable({ ...options(), table: 'posts', truncate: true }), hasCode('data-loss-refused'));
      } finally {
        await adminQuery(db.url, 'DROP TABLE public.likes');
      }
    });

    test('without --yes and no way to ask, and in production, nothing changes', async () => {
      await assert.rejects(resetTable({ cwd: DEVLOOP, env: apiEnv(db), table: 'posts' }), hasCode('confirmation-required'));
      await assert.rejects(resetSchema({ cwd: DEVLOOP, env: { ...apiEnv(db), NODE_ENV: 'production' }, schema: 'analytics', yes: true }), hasCode('production-guard'));
      assert.deepEqual(await rowCounts(db), SEEDED);
    });
  });
}
