import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestDatabase } from '../../src/api';
import { DEVLOOP, serverEnv } from '../support/devloop-project';
import { DbManageError } from '../../src/api';
import { familyPrefix } from '../../src/engine/test-database/template-names';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type TestTarget } from '../support/test-cluster';

/** The family's spares or templates, by name. */
async function family(target: TestTarget, source: string, role: 'spare' | 'tpl'): Promise<string[]> {
  const rows = await adminQuery<{ datname: string }>(
    target.adminUrl,
    `SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname`,
    [familyPrefix(source, role)],
  );
  return rows.map((r) => r.datname);
}

async function until(what: string, probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await probe()) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  assert.fail(`timed out waiting until ${what}`);
}

async function dropFamily(target: TestTarget, source: string): Promise<void> {
  for (const name of [...(await family(target, source, 'spare')), ...(await family(target, source, 'tpl'))]) {
    await adminQuery(target.adminUrl, `ALTER DATABASE "${name}" IS_TEMPLATE false`);
    await adminQuery(target.adminUrl, `DROP DATABASE "${name}" WITH (FORCE)`);
  }
}

for (const target of testTargets()) {
  describe(`createTestDatabase on the ${target.name} server`, () => {
    test('fresh databases at head, cloned from one template, removed by drop()', async () => {
      const env = serverEnv(target);
      const [a, b] = await Promise.all([createTestDatabase({ cwd: DEVLOOP, env }), createTestDatabase({ cwd: DEVLOOP, env })]);
      try {
        assert.notEqual(a.name, b.name);
        assert.equal(a.template, b.template);
        assert.match(a.template, /__tpl_[0-9a-f]{6}_[0-9a-f]{12}$/);
        for (const db of [a, b]) {
          const history = await adminQuery<{ name: string }>(db.url, 'SELECT name FROM migrations');
          assert.deepEqual(history.map((h) => h.name), ['InitialMigration1795292371211']);
          const tables = await adminQuery<{ t: string }>(db.url, `SELECT to_regclass('analytics.page_views')::text AS t`);
          assert.equal(tables[0].t, 'analytics.page_views');
        }
        // Independent: writing to one leaves the other (and the template) empty.
        await adminQuery(a.url, `INSERT INTO users (username, email, "passwordHash") VALUES ('only_a', 'a@example.com', 'x')`);
        assert.deepEqual(await adminQuery(b.url, 'SELECT username FROM users'), []);
        const c = await createTestDatabase({ cwd: DEVLOOP, env });
        assert.deepEqual(await adminQuery(c.url, 'SELECT username FROM users'), []);
        await c.drop();
        const template = await adminQuery<{ datistemplate: boolean; datallowconn: boolean }>(
          target.adminUrl,
          'SELECT datistemplate, datallowconn FROM pg_database WHERE datname = $1',
          [a.template],
        );
        assert.deepEqual(template, [{ datistemplate: true, datallowconn: false }]);
      } finally {
        await a.drop();
        await b.drop();
      }
      const left = await adminQuery(target.adminUrl, 'SELECT 1 FROM pg_database WHERE datname = ANY($1)', [[a.name, b.name]]);
      assert.deepEqual(left, []);
    });

    test('a call claims a ready spare (a clone made in the background) and the pool refills', async () => {
      // A source database of its own, so other test files' pools do not share these spares.
      const source = await createScratchDatabase(target, 'tdb spares');
      const env = apiEnv(source);
      try {
        const first = await createTestDatabase({ cwd: DEVLOOP, env, spares: 2 });
        await first.drop();
        await until('two spares are ready', async () => (await family(target, source.name, 'spare')).length === 2);
        const ready = await family(target, source.name, 'spare');
        const claimed = await createTestDatabase({ cwd: DEVLOOP, env, spares: 2 });
        try {
          const left = await family(target, source.name, 'spare');
          assert.equal(left.length, 1, 'one spare was claimed');
          assert.ok(ready.includes(left[0]));
          assert.ok(!ready.includes(claimed.name), 'the claimed spare carries the test database name');
          const history = await adminQuery<{ name: string }>(claimed.url, 'SELECT name FROM migrations');
          assert.deepEqual(history.map((h) => h.name), ['InitialMigration1795292371211']);
          await until('the pool refilled', async () => (await family(target, source.name, 'spare')).length === 2);
        } finally {
          await claimed.drop();
        }
      } finally {
        await until('no clone is running', async () => (await adminQuery(target.adminUrl, `SELECT 1 FROM pg_stat_activity WHERE query ILIKE 'CREATE DATABASE%' AND state = 'active' AND pid <> pg_backend_pid()`)).length === 0);
        await dropFamily(target, source.name);
        await source.drop();
      }
    });

    test('spares: 0 clones every time and keeps none; a bad DB_MANAGE_TEST_SPARES is a config error', async () => {
      const source = await createScratchDatabase(target, 'tdb nospares');
      const env = apiEnv(source);
      try {
        const db = await createTestDatabase({ cwd: DEVLOOP, env, spares: 0 });
        await db.drop();
        assert.deepEqual(await family(target, source.name, 'spare'), []);
        await assert.rejects(createTestDatabase({ cwd: DEVLOOP, env: { ...env, DB_MANAGE_TEST_SPARES: 'lots' } }), (err: unknown) => {
          assert.ok(err instanceof DbManageError);
          assert.equal(err.code, 'config-invalid');
          assert.match(err.message, /DB_MANAGE_TEST_SPARES/);
          return true;
        });
      } finally {
        await dropFamily(target, source.name);
        await source.drop();
      }
    });
  });
}
