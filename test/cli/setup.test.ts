import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyFixture } from '../support/scenarios';
import { ROOT, runCli } from '../support/run-cli';
import { adminQuery, createScratchDatabase, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

for (const target of testTargets()) {
  describe(`db-manage setup (${target.name})`, () => {
    let db: ScratchDatabase;
    let project: { dir: string; remove: () => void };
    const cli = (...args: string[]) => runCli(args, { cwd: project.dir, env: targetEnv(db) });
    const migrations = () => readdirSync(join(project.dir, 'src', 'migrations')).filter((f) => f.endsWith('.ts'));

    before(async () => {
      db = await createScratchDatabase(target, 'cli_setup');
      project = copyFixture(join(ROOT, 'test', 'fixtures', 'projects', 'phone'), `cli-setup-${target.name}`);
    });
    after(async () => {
      project.remove();
      await db.drop();
    });

    test('generates and applies the initial migration', async () => {
      const r = await cli('setup');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Generated src\/migrations\/\d{13}-InitialMigration\.ts/);
      assert.match(r.stdout, /Database is at InitialMigration\d{13}/);
      assert.equal(migrations().length, 1);
      const rows = await adminQuery<{ name: string }>(db.url, 'SELECT name FROM migrations');
      assert.equal(rows.length, 1);
      assert.equal((await cli('check')).code, 0);
    });

    test('is idempotent: a second run generates nothing and applies nothing', async () => {
      const r = await cli('setup', '--json');
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.migration.changed, false);
      assert.equal(doc.caughtUp.applied.length, 0);
      assert.equal(doc.applied, null);
      assert.equal(migrations().length, 1);
    });

    test('applies a pending migration before comparing', async () => {
      await adminQuery(db.url, 'DELETE FROM migrations; DELETE FROM db_manage_checksums; DROP TABLE users; DROP TYPE IF EXISTS user_role');
      const r = await cli('setup');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Applied 1 pending migration/);
      assert.match(r.stdout, /The entities match the database/);
      assert.equal(migrations().length, 1);
    });
  });
}
