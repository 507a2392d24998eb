import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyFixture } from '../support/scenarios';
import { ROOT, runCli } from '../support/run-cli';
import { adminQuery, createScratchDatabase, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

const PHONE = `  @Column({ type: 'varchar', length: 20, nullable: true })\n  phone: string | null;\n`;

for (const target of testTargets()) {
  describe(`db-manage migrate (${target.name})`, () => {
    let db: ScratchDatabase;
    let project: { dir: string; remove: () => void };
    const migrations = () => join(project.dir, 'src', 'migrations');
    const files = () => readdirSync(migrations()).sort();
    const cli = (...args: string[]) => runCli(args, { cwd: project.dir, env: targetEnv(db) });

    before(async () => {
      db = await createScratchDatabase(target, 'cli_migrate');
      project = copyFixture(join(ROOT, 'test', 'fixtures', 'projects', 'phone'), `cli-migrate-${target.name}`);
    });
    after(async () => {
      project.remove();
      await db.drop();
    });

    test('the initial migration, then upgrade and a clean check', async () => {
      const r = await cli('migrate', 'Initial');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Wrote .*src\/migrations\/\d{13}-Initial\.ts/);
      assert.match(r.stdout, /create table public\.users/);
      assert.equal(files().length, 1);
      assert.equal((await cli('upgrade')).code, 0);
      const check = await cli('check');
      assert.equal(check.code, 0, check.stdout + check.stderr);
    });

    test('"Add phone" writes one file whose up adds the column and whose down drops it', async () => {
      const entity = join(project.dir, 'src', 'entities', 'user.ts');
      writeFileSync(entity, readFileSync(entity, 'utf8').replace(/(\n  lastLoginAt: Date \| null;\n)/, `$1\n${PHONE}`));
      const drift = await cli('check');
      assert.equal(drift.code, 1);
      assert.match(drift.stdout, /add column public\.users\.phone character varying\(20\)/);

      const before = files();
      const sql = await cli('migrate', 'Add phone', '--sql');
      assert.equal(sql.code, 0, sql.stderr);
      assert.match(sql.stdout, /-- up\nALTER TABLE "public"\."users" ADD COLUMN "phone" character varying\(20\);/);
      assert.match(sql.stdout, /-- down\nALTER TABLE "public"\."users" DROP COLUMN "phone";/);
      assert.deepEqual(files(), before, '--sql writes nothing');

      const r = await cli('migrate', 'Add phone');
      assert.equal(r.code, 0, r.stderr);
      const added = files().filter((f) => !before.includes(f));
      assert.equal(added.length, 1);
      assert.match(added[0], /^\d{13}-AddPhone\.ts$/);
      const source = readFileSync(join(migrations(), added[0]), 'utf8');
      assert.match(source, /export class AddPhone\d{13} implements MigrationInterface/);
      const [up, down] = source.split('public async down');
      // Each direction starts with the lock_timeout (DB_MANAGE_LOCK_TIMEOUT, default 5s).
      const timeout = "await queryRunner.query(`SET LOCAL lock_timeout = '5s'`)";
      assert.deepEqual(up.match(/await queryRunner\.query\(`[^`]*`\)/g), [timeout, 'await queryRunner.query(`ALTER TABLE "public"."users" ADD COLUMN "phone" character varying(20)`)']);
      assert.deepEqual(down.match(/await queryRunner\.query\(`[^`]*`\)/g), [timeout, 'await queryRunner.query(`ALTER TABLE "public"."users" DROP COLUMN "phone"`)']);
    });

    test('migrate refuses while a migration is pending', async () => {
      const r = await cli('migrate', 'Too early');
      assert.equal(r.code, 7);
      assert.match(r.stderr, /AddPhone\d{13}.*run npx db-manage upgrade first/i);
    });

    test('after upgrade, check is clean and migrate again reports no changes and writes nothing', async () => {
      assert.equal((await cli('upgrade')).code, 0);
      assert.equal((await cli('check')).code, 0);
      const before = files();
      const r = await cli('migrate', 'Nothing', '--verbose');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /No changes detected/);
      assert.match(r.stdout, /Loaded 1 entity: User/);
      assert.deepEqual(files(), before);
      const json = await cli('migrate', 'Nothing', '--json');
      assert.equal(json.code, 0);
      const doc = JSON.parse(json.stdout);
      assert.equal(doc.changed, false);
      assert.deepEqual(doc.entities, { count: 1, names: ['User'] });
    });

    test('a downgrade that drops data needs confirmation; without a terminal or --yes nothing changes', async () => {
      // An empty column would just go (test/cli/daily-loop.test.ts); a value in it is data.
      await adminQuery(db.url, `INSERT INTO users (username, email, phone) VALUES ('ann', 'ann@example.com', '555-0100')`);
      const r = await cli('downgrade');
      assert.equal(r.code, 9);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /downgrade on database \S+: 1 column with 1 value will be lost: reverting 1 migration drops column public\.users\.phone.*pass --yes to confirm\. Nothing was changed/);
      const rows = await adminQuery(db.url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'phone'`);
      assert.equal(rows.length, 1);
      const prod = await runCli(['downgrade', '--yes'], { cwd: project.dir, env: { ...targetEnv(db), NODE_ENV: 'production' } });
      assert.equal(prod.code, 9);
      assert.match(prod.stderr, /production/);
      // Without a snapshot the downgrade confirms and reverts on the connection that counted: the
      // same refusals, and still nothing changed.
      const unasked = await cli('downgrade', '--no-snapshot');
      assert.equal(unasked.code, 9);
      assert.match(unasked.stderr, /1 column with 1 value will be lost: .*pass --yes to confirm\. Nothing was changed/);
      const prodNoSnapshot = await runCli(['downgrade', '--yes', '--no-snapshot'], { cwd: project.dir, env: { ...targetEnv(db), NODE_ENV: 'production' } });
      assert.equal(prodNoSnapshot.code, 9);
      assert.match(prodNoSnapshot.stderr, /production/);
      const still = await adminQuery(db.url, `SELECT phone FROM users`);
      assert.deepEqual(still, [{ phone: '555-0100' }]);
    });

    test('downgrade removes the column', async () => {
      assert.equal((await cli('downgrade', '--yes', '--no-snapshot')).code, 0);
      const rows = await adminQuery(db.url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'phone'`);
      assert.deepEqual(rows, []);
    });

    test('check --json lists the pending migration and the operations', async () => {
      const check = await cli('check', '--json');
      assert.equal(check.code, 1);
      const doc = JSON.parse(check.stdout);
      assert.equal(doc.clean, false);
      assert.equal(doc.pending.length, 1);
      assert.deepEqual(doc.operations.map((o: { kind: string }) => o.kind), ['add-column']);
    });

    test('revision writes an empty migration; an empty message is a usage error', async () => {
      const r = await cli('revision', 'Backfill phones');
      assert.equal(r.code, 0, r.stderr);
      const file = files().find((f) => f.endsWith('-BackfillPhones.ts'));
      assert.ok(file);
      assert.match(readFileSync(join(migrations(), file), 'utf8'), /Write the migration here/);
      const empty = await cli('migrate', '');
      assert.equal(empty.code, 2);
      assert.match(empty.stderr, /the migration message is empty/);
    });
  });
}
