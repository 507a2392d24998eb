import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { isDbManageError, migrate, upgrade } from '../../src/api';
import { ROOT } from '../support/run-cli';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

/** A project whose one entity has `code` and `flags` columns of the given types. */
function step(base: string, n: number, code: string, flags: string): string {
  // A folder per step, sharing the migrations: node caches a loaded module by its path.
  const dir = join(base, `step-${n}`);
  mkdirSync(join(base, 'migrations'), { recursive: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'data-source.ts'),
    [
      "import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';",
      "@Entity({ name: 'parcels' })",
      'export class Parcel {',
      '  @PrimaryGeneratedColumn() id!: number;',
      `  @Column(${code}) code!: string;`,
      `  @Column(${flags}) flags!: string;`,
      '}',
      "export default new DataSource({ type: 'postgres', entities: [Parcel], migrations: [`${__dirname}/../migrations/*.ts`] });",
      '',
    ].join('\n'),
  );
  return dir;
}

/**
 * Real-world finding: shortening a varchar generated `USING col::varchar(3)`, and an explicit
 * cast cuts a longer value to fit: upgrade succeeded and the row held 'abc'. Now the value
 * that does not fit stops the migration, which rolls back, and the row keeps every character.
 */
for (const target of testTargets()) {
  describe(`a narrower varchar, char or bit never cuts a value (${target.name})`, () => {
    const dbs: ScratchDatabase[] = [];
    const dir = join(ROOT, '.db-manage', 'narrowing', `${target.name}-${process.pid}`);
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await Promise.all(dbs.map((d) => d.drop()));
    });

    test('the migration fails on the value that does not fit and nothing is cut', async () => {
      const db = await createScratchDatabase(target, 'narrowing');
      dbs.push(db);
      const at = (cwd: string) => ({ cwd, datasource: 'data-source.ts', env: apiEnv(db) });
      const first = at(step(dir, 1, "{ type: 'varchar', length: 10 }", "{ type: 'bit', length: 8 }"));
      await migrate({ ...first, message: 'Create parcels' });
      await upgrade(first);
      await adminQuery(db.url, `INSERT INTO parcels (code, flags) VALUES ('abcdefghij', B'10101010')`);
      const second = at(step(dir, 2, "{ type: 'varchar', length: 3 }", "{ type: 'bit', length: 4 }"));
      const made = await migrate({ ...second, message: 'Shorter code', allowDataLoss: true });
      assert.equal(made.changed, true);
      const err = await upgrade(second).then(() => null, (e: unknown) => e);
      assert.ok(isDbManageError(err) && err.code === 'migration-failed', String(err));
      assert.match(err.message, /value too long for type character varying\(3\)/);
      assert.deepEqual(await adminQuery(db.url, 'SELECT code, flags::text AS flags FROM parcels'), [{ code: 'abcdefghij', flags: '10101010' }]);
    });
  });
}
