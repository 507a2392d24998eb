import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestDatabase } from '../../src/api';
import { DEVLOOP, serverEnv } from '../support/devloop-project';
import { adminQuery, testTargets } from '../support/test-cluster';

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
  });
}
