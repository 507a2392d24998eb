import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { check, isDbManageError } from '../../src/api';
import { copyDevloop } from '../support/bad-input';
import { projectDatabase } from '../support/devloop-project';
import { adminQuery, apiEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

/**
 * Fuzz finding A: the last table of a schema no entity uses any more is not seen by the diff.
 * It must either be compared (the schema listed in package.json "db-manage.schemas") or
 * `check`/`migrate` must say in one line that it is not.
 */
for (const target of testTargets()) {
  describe(`schemas no entity uses (${target.name})`, () => {
    let db: ScratchDatabase;
    let project: { dir: string; remove: () => void };
    const options = () => ({ cwd: project.dir, datasource: 'ormconfig.ts', env: apiEnv(db) });

    before(async () => {
      db = await projectDatabase(target);
      project = copyDevloop();
      // What a table left behind looks like: its entity moved away, the schema stayed.
      await adminQuery(db.url, `CREATE SCHEMA "Old Reports"; CREATE TABLE "Old Reports".daily (id int PRIMARY KEY)`);
    });
    after(async () => {
      project.remove();
      await db.drop();
    });

    test('left alone, and check says so in one line', async () => {
      const report = await check(options());
      assert.equal(report.clean, true);
      assert.deepEqual(
        report.warnings.filter((w) => w.includes('Old Reports')),
        ['schema Old Reports holds 1 table but no entity uses it, so it is not compared; to manage it, list it in package.json "db-manage": { "schemas": [...] }'],
      );
    });

    test('listed in package.json "db-manage.schemas": compared, its undeclared table is to be dropped, and no warning', async () => {
      writeFileSync(join(project.dir, 'package.json'), JSON.stringify({ name: 'app', 'db-manage': { schemas: ['Old Reports'] } }));
      const report = await check(options());
      assert.equal(report.clean, false);
      assert.deepEqual(report.operations.map((o) => o.description), ['drop table Old Reports.daily']);
      assert.deepEqual(report.warnings.filter((w) => w.includes('Old Reports')), []);
    });

    test('a malformed list is one config-invalid line', async () => {
      writeFileSync(join(project.dir, 'package.json'), JSON.stringify({ name: 'app', 'db-manage': { schemas: 'Old Reports' } }));
      const err = await check(options()).then(() => null, (e: unknown) => e);
      assert.ok(isDbManageError(err) && err.code === 'config-invalid', String(err));
      assert.match(err.message, /package\.json "db-manage\.schemas" must be a list of schema names/);
    });
  });
}
