import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Pool } from 'pg';
import { claimSpare, countSpares, pruneSpares, SparePool } from '../../src/engine/test-database/spare-pool';
import { adminQuery, createScratchDatabase, testTargets, withDatabase } from '../support/test-cluster';

for (const target of testTargets()) {
  describe(`spare pool on the ${target.name} server`, () => {
    const admin = new Pool({ connectionString: target.adminUrl, max: 4 });
    after(() => admin.end());

    test('keeps exactly size clones ready; concurrent claims never share one', async () => {
      const template = await createScratchDatabase(target, 'spare tpl');
      await adminQuery(template.url, 'CREATE TABLE marker (v int); INSERT INTO marker VALUES (42)');
      // As the helper names them: a family of spares, then this template's key.
      const family = `${template.name}_sp_`;
      const prefix = `${family}k1_`;
      const claimed = [0, 1, 2, 3].map((i) => `${template.name}_c${i}`);
      try {
        const settings = { adminUrl: target.adminUrl, template: template.name, prefix, size: 2, holdProcess: true };
        // Two processes' pools topping up at once: one fills, the other sees the lock and leaves it.
        const one = new SparePool(settings);
        const two = new SparePool(settings);
        await Promise.all([one.topUp(), two.topUp()]);
        assert.equal(one.lastError ?? two.lastError, null);
        assert.equal(await countSpares(admin, prefix), 2);
        await one.topUp();
        assert.equal(await countSpares(admin, prefix), 2, 'a full pool is left as it is');

        const got = await Promise.all(claimed.map((name) => claimSpare(admin, prefix, name)));
        assert.equal(got.filter(Boolean).length, 2, 'two spares, two claims succeed');
        assert.equal(await countSpares(admin, prefix), 0);
        for (const [i, name] of claimed.entries()) {
          const exists = await adminQuery(target.adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
          assert.equal(exists.length, got[i] ? 1 : 0);
          if (got[i]) assert.deepEqual(await adminQuery(withDatabase(target.adminUrl, name), 'SELECT v FROM marker'), [{ v: 42 }]);
        }

        await one.topUp();
        assert.equal(await countSpares(admin, prefix), 2, 'refilled after the claims');
        // Spares of other migrations go; these (the keep prefix) stay.
        assert.deepEqual(await pruneSpares(admin, family, prefix), []);
        assert.equal((await pruneSpares(admin, family, `${family}k2_`)).length, 2);
        assert.equal(await countSpares(admin, prefix), 0);
      } finally {
        for (const name of claimed) await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
        const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
        for (const { datname } of rows) await admin.query(`DROP DATABASE "${datname}"`);
        await template.drop();
      }
    });

    test('a pool of size 0 clones nothing, and a missing template is recorded, not thrown', async () => {
      const prefix = `dbm_nope_${process.pid}_sp_`;
      const off = new SparePool({ adminUrl: target.adminUrl, template: 'dbm_no_such_template', prefix, size: 0, holdProcess: true });
      await off.topUp();
      const broken = new SparePool({ adminUrl: target.adminUrl, template: 'dbm_no_such_template', prefix, size: 1, holdProcess: true });
      await broken.topUp();
      assert.match(String(broken.lastError), /dbm_no_such_template/);
      assert.equal(await countSpares(admin, prefix), 0);
    });
  });
}

