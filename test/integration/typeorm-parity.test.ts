import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { check, downgrade, migrate, upgrade } from '../../src/api';
import { ROOT } from '../support/run-cli';
import { copyFixture, SCENARIOS_DIR, scenarioSteps } from '../support/scenarios';
import { typeormPendingSql } from '../support/typeorm-drift';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

/**
 * A project that moves between db-manage and TypeORM's own tooling must see no drift:
 * after our migrations, TypeORM's schema builder (what `migration:generate --check` and
 * `synchronize` run) has nothing to do. Its reading of stored generated columns goes
 * through typeorm_metadata, which our migrations fill as TypeORM's own do.
 */

const generatedRows = (db: ScratchDatabase) =>
  adminQuery<{ table: string; name: string; value: string; database: string }>(
    db.url,
    `SELECT "table", "name", "value", "database" FROM "public"."typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' ORDER BY 1, 2`,
  );

for (const target of testTargets()) {
  describe(`TypeORM sees no drift after db-manage on the ${target.name} server`, () => {
    test('stored generated columns: every step of the generated-columns scenario', async () => {
      const db = await createScratchDatabase(target, 'parity_generated');
      const copy = copyFixture(join(SCENARIOS_DIR, 'generated-columns'), `${target.name}-parity-generated`);
      try {
        for (const [i, step] of scenarioSteps(copy.dir).entries()) {
          const options = { cwd: copy.dir, datasource: step, env: apiEnv(db) };
          await migrate({ ...options, message: `step ${i + 1}`, allowDataLoss: true });
          await upgrade(options);
          assert.deepEqual(await typeormPendingSql(join(copy.dir, step), db.url), [], `${step}: TypeORM's schema builder`);
          const rows = await generatedRows(db);
          assert.ok(rows.every((r) => r.database === db.name), 'rows name the database TypeORM reads them for');
          if (i === 0) assert.deepEqual(rows.map((r) => [r.table, r.name, r.value]), [['order_lines', 'total', '"price" * "quantity"']]);
        }
        // down() removes what up() recorded, step by step, down to no rows at all.
        const last = scenarioSteps(copy.dir).at(-1)!;
        await downgrade({ cwd: copy.dir, datasource: last, env: apiEnv(db), yes: true, snapshot: false, target: 'base' });
        assert.deepEqual(await generatedRows(db), []);
      } finally {
        copy.remove();
        await db.drop();
      }
    });

    // Not long-names: TypeORM compares names as declared, not as stored, and never converges there.
    for (const scenario of ['exclusions-collations', 'shared-tables']) {
      test(`${scenario}: every step`, async () => {
        const db = await createScratchDatabase(target, `parity_${scenario}`);
        const copy = copyFixture(join(SCENARIOS_DIR, scenario), `${target.name}-parity-${scenario}`);
        try {
          for (const [i, step] of scenarioSteps(copy.dir).entries()) {
            const options = { cwd: copy.dir, datasource: step, env: apiEnv(db) };
            await migrate({ ...options, message: `step ${i + 1}`, allowDataLoss: true });
            await upgrade(options);
            assert.deepEqual(await typeormPendingSql(join(copy.dir, step), db.url), [], `${step}: TypeORM's schema builder`);
          }
        } finally {
          copy.remove();
          await db.drop();
        }
      });
    }

    test('a database migrated before the rows existed: check says so, and migrate writes them', async () => {
      const db = await createScratchDatabase(target, 'parity_missing');
      const copy = copyFixture(join(SCENARIOS_DIR, 'generated-columns'), `${target.name}-parity-missing`);
      try {
        const step = scenarioSteps(copy.dir)[1];
        const options = { cwd: copy.dir, datasource: step, env: apiEnv(db) };
        await migrate({ ...options, message: 'first' });
        await upgrade(options);
        await adminQuery(db.url, `DELETE FROM "public"."typeorm_metadata" WHERE "name" = 'total'`);
        assert.ok((await typeormPendingSql(join(copy.dir, step), db.url)).length > 0, 'TypeORM wants to rebuild the column without its row');
        const checked = await check(options);
        assert.equal(checked.clean, false);
        assert.deepEqual(checked.operations.map((o) => o.kind), ['record-generated']);
        const fix = await migrate({ ...options, message: 'record generated columns' });
        assert.equal(fix.operations.length, 1);
        await upgrade(options);
        assert.deepEqual(await typeormPendingSql(join(copy.dir, step), db.url), []);
        assert.ok((await check(options)).clean);
      } finally {
        copy.remove();
        await db.drop();
      }
    });

    test('the demo app: its migrations leave nothing for TypeORM to do', async () => {
      const db = await createScratchDatabase(target, 'parity_demo');
      try {
        const options = { cwd: ROOT, env: apiEnv(db) };
        await upgrade(options);
        assert.ok((await check(options)).clean);
        assert.deepEqual(await typeormPendingSql(join(ROOT, 'ormconfig.ts'), db.url), []);
      } finally {
        await db.drop();
      }
    });
  });
}
