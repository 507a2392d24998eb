import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DbManageError, resetDatabase, restore, seedDatabase, snapshot, type DestructionPlan } from '../../src/api';
import { DEVLOOP, projectDatabase, rowCounts } from '../support/devloop-project';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, apiEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

const hasCode = (code: string) => (e: unknown) => e instanceof DbManageError && e.code === code;
const SEEDED = { users: 4, posts: 5, 'analytics.page_views': 12 };

for (const target of testTargets()) {
  describe(`reset on the ${target.name} server`, () => {
    let db: ScratchDatabase;
    const options = () => ({ cwd: DEVLOOP, env: apiEnv(db) });

    before(async () => {
      db = await projectDatabase(target);
      await adminQuery(db.url, `CREATE TABLE public.legacy (note text); INSERT INTO public.legacy VALUES ('keep me')`);
    });
    beforeEach(async () => {
      await seedDatabase(options());
    });
    after(() => dropWithSnapshots(db));

    test('without --yes and without a way to ask: refused, row counts unchanged', async () => {
      await assert.rejects(resetDatabase(options()), (e: unknown) => {
        assert.ok(hasCode('confirmation-required')(e));
        const plan = (e as DbManageError).details.plan as DestructionPlan;
        assert.deepEqual(plan.schemas, ['analytics', 'public']);
        assert.deepEqual(
          plan.tables.filter((t) => ['users', 'posts', 'page_views'].includes(t.table)).map((t) => [t.table, t.rows]),
          [['page_views', 12], ['posts', 5], ['users', 4]],
        );
        return true;
      });
      assert.deepEqual(await rowCounts(db), SEEDED);
    });

    test('NODE_ENV=production refuses even with --yes', async () => {
      await assert.rejects(resetDatabase({ cwd: DEVLOOP, env: { ...apiEnv(db), NODE_ENV: 'production' }, yes: true }), hasCode('production-guard'));
      assert.deepEqual(await rowCounts(db), SEEDED);
    });

    test('drops what the entities manage, rebuilds by migrations, leaves the rest alone', async () => {
      const report = await resetDatabase({ ...options(), yes: true, snapshot: false });
      assert.deepEqual(await rowCounts(db), { users: 0, posts: 0, 'analytics.page_views': 0 });
      assert.deepEqual(report.upgrade.applied.map((m) => m.name), ['InitialMigration1795292371211']);
      const history = await adminQuery<{ name: string }>(db.url, 'SELECT name FROM migrations');
      assert.deepEqual(history.map((h) => h.name), ['InitialMigration1795292371211']);
      assert.deepEqual(report.leftAlone, [{ schema: 'public', name: 'legacy', kind: 'table' }]);
      assert.match(report.plan.notes.join('\n'), /left alone \(not managed by the entities\): public\.legacy \(table\)/);
      assert.deepEqual(await adminQuery(db.url, 'SELECT note FROM legacy'), [{ note: 'keep me' }]);
      assert.deepEqual(report.recreatedSchemas, ['analytics']);
      assert.deepEqual(report.dropped.enums, [{ schema: 'public', name: 'user_role' }]);
      assert.equal(report.autoSnapshot, null);
    });

    test('--seed seeds afterwards: 4 users with bcrypt hashes', async () => {
      const report = await resetDatabase({ ...options(), yes: true, snapshot: false, seed: true });
      assert.equal(report.seed?.seeds[0].created, 4);
      const users = await adminQuery<{ hash: string }>(db.url, 'SELECT "passwordHash" AS hash FROM users');
      assert.equal(users.length, 4);
      for (const u of users) assert.match(u.hash, /^\$2[aby]\$10\$/);
    });

    test('a view on a managed table makes reset refuse, with nothing changed', async () => {
      await adminQuery(db.url, 'CREATE VIEW public.admins AS SELECT username FROM users WHERE role = $$admin$$');
      try {
        await assert.rejects(resetDatabase({ ...options(), yes: true, snapshot: false }), (e: unknown) => {
          assert.ok(hasCode('data-loss-refused')(e));
          assert.match((e as Error).message, /public\.admins \(view\)/);
          return true;
        });
        assert.deepEqual(await rowCounts(db), SEEDED);
      } finally {
        await adminQuery(db.url, 'DROP VIEW public.admins');
      }
    });

    test('an unmanaged table referencing users: rows handled as its key says, the key put back', async () => {
      await adminQuery(db.url, `CREATE TABLE public.audit (id serial PRIMARY KEY, user_id uuid REFERENCES users(id) ON DELETE SET NULL, what text);
        INSERT INTO public.audit (user_id, what) SELECT id, 'login' FROM users`);
      try {
        const report = await resetDatabase({ ...options(), yes: true, snapshot: false });
        assert.deepEqual(report.referenceWarnings, []);
        assert.match(report.plan.notes.join('\n'), /4 rows of public\.audit will get user_id set to NULL/);
        const audit = await adminQuery<{ n: string; nulls: string }>(db.url, 'SELECT count(*) AS n, count(*) FILTER (WHERE user_id IS NULL) AS nulls FROM audit');
        assert.deepEqual(audit, [{ n: '4', nulls: '4' }]);
        const fk = await adminQuery(db.url, `SELECT 1 FROM pg_constraint WHERE conrelid = 'public.audit'::regclass AND contype = 'f'`);
        assert.equal(fk.length, 1, 'the foreign key is back');
      } finally {
        await adminQuery(db.url, 'DROP TABLE public.audit');
      }
    });

    test('a NO ACTION key from an unmanaged table with rows makes reset refuse', async () => {
      await adminQuery(db.url, `CREATE TABLE public.orders (id serial, buyer uuid REFERENCES users(id)); INSERT INTO public.orders (buyer) SELECT id FROM users LIMIT 2`);
      try {
        await assert.rejects(resetDatabase({ ...options(), yes: true, snapshot: false }), (e: unknown) => {
          assert.ok(hasCode('data-loss-refused')(e));
          assert.match((e as Error).message, /2 rows of public\.orders\(buyer\) → public\.users ON DELETE NO ACTION/);
          return true;
        });
        assert.deepEqual(await rowCounts(db), SEEDED);
      } finally {
        await adminQuery(db.url, 'DROP TABLE public.orders');
      }
    });

    test('snapshot, then reset, then restore brings the data back', async () => {
      await snapshot({ ...options(), name: 'seeded' });
      const report = await resetDatabase({ ...options(), yes: true });
      assert.match(report.autoSnapshot?.restoreCommand ?? '', /^npx db-manage restore auto-\d{8}-\d{6}-reset$/);
      assert.deepEqual(await rowCounts(db), { users: 0, posts: 0, 'analytics.page_views': 0 });
      await restore({ ...options(), name: 'seeded', yes: true, snapshot: false });
      assert.deepEqual(await rowCounts(db), SEEDED);
      // The automatic snapshot holds the state reset left behind: empty, at head.
      await restore({ ...options(), name: report.autoSnapshot!.name, yes: true, snapshot: false });
      assert.deepEqual(await rowCounts(db), SEEDED);
    });
  });
}
