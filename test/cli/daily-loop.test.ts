import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyFixture } from '../support/scenarios';
import { BIN, ROOT, runCli, type CliResult } from '../support/run-cli';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, createScratchDatabase, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

const PHONE = `  @Column({ type: 'varchar', length: 20, nullable: true })\n  phone: string | null;\n`;
const MS = '\\(\\d+ ms\\)';

/** `npm run <args>` in the project, as a user types it; npm's own banner lines are left in stdout. */
function npmRun(args: readonly string[], cwd: string, env: Record<string, string | undefined>): Promise<CliResult> {
  const full: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  for (const k of Object.keys(full)) if (k.startsWith('npm_') || full[k] === undefined) delete full[k];
  delete full.NODE_ENV;
  return new Promise((done, fail) => {
    const child = spawn('npm', ['run', ...args], { cwd, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 137, stdout, stderr }));
  });
}

/** The lines a run printed, with every step's timing replaced by (N ms) so they compare exactly. */
const lines = (text: string) => text.replace(/\(\d+ ms\)/g, '(N ms)').split('\n').filter((l) => l !== '');

for (const target of testTargets()) {
  describe(`the README's daily loop, without a terminal (${target.name})`, () => {
    let db: ScratchDatabase;
    let project: { dir: string; remove: () => void };
    const cli = (...args: string[]) => runCli(args, { cwd: project.dir, env: targetEnv(db) });
    const migrationNamed = (suffix: string) => {
      const file = readdirSync(join(project.dir, 'src', 'migrations')).find((f) => f.endsWith(`-${suffix}.ts`)) as string;
      return `${suffix}${file.slice(0, 13)}`;
    };
    const phoneColumn = async () =>
      (await adminQuery(db.url, `SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'phone'`)).length === 1;
    const count = async (sql: string) => Number((await adminQuery<{ n: string }>(db.url, sql))[0].n);

    before(async () => {
      db = await createScratchDatabase(target, 'cli_daily_loop');
      project = copyFixture(join(ROOT, 'test', 'fixtures', 'projects', 'phone'), `daily-loop-${target.name}`);
      const setup = await cli('setup');
      assert.equal(setup.code, 0, setup.stderr);
      await adminQuery(db.url, `INSERT INTO users (username, email) SELECT 'u' || i, 'u' || i || '@example.com' FROM generate_series(1, 5) i`);
    });
    after(async () => {
      project.remove();
      await dropWithSnapshots(db);
    });

    test('Add phone, upgrade, then plain downgrade: the empty column goes without a question, and says so', async () => {
      const entity = join(project.dir, 'src', 'entities', 'user.ts');
      writeFileSync(entity, readFileSync(entity, 'utf8').replace(/(\n  lastLoginAt: Date \| null;\n)/, `$1\n${PHONE}`));
      assert.equal((await cli('migrate', 'Add phone')).code, 0);
      const initial = migrationNamed('InitialMigration');
      const phone = migrationNamed('AddPhone');

      const up = await cli('upgrade');
      assert.equal(up.code, 0, up.stderr);
      assert.deepEqual(lines(up.stdout), [`… apply ${phone} ✔ (N ms)`, `✔ Upgraded ${initial} → ${phone} (1 migration)`]);
      assert.equal(await phoneColumn(), true);

      const down = await cli('downgrade');
      assert.equal(down.code, 0, down.stderr);
      assert.equal(down.stderr, '');
      assert.deepEqual(lines(down.stdout), [
        `… revert ${phone} ✔ (N ms)`,
        `✔ Downgraded ${phone} → ${initial} (1 migration)`,
        'Dropped column public.users.phone (no values)',
      ]);
      assert.equal(await phoneColumn(), false);
      assert.equal(await count('SELECT count(*) AS n FROM users'), 5);
      assert.equal(await count('SELECT count(*) AS n FROM migrations'), 1);
    });

    test('with values in the column, downgrade counts them and needs --yes; nothing changes', async () => {
      assert.equal((await cli('upgrade')).code, 0);
      await adminQuery(db.url, `UPDATE users SET phone = '555-01' || username WHERE username IN ('u2', 'u4')`);
      const r = await cli('downgrade');
      assert.equal(r.code, 9);
      assert.equal(
        r.stderr,
        `error: downgrade on database ${db.name}: 1 column with 2 values will be lost: reverting 1 migration drops column public.users.phone; ` +
          'it needs confirmation and there is no terminal to ask on. Run it in a terminal to be asked, or pass --yes to confirm. Nothing was changed\n',
      );
      assert.equal(await count('SELECT count(phone) AS n FROM users'), 2);
      assert.equal(await count('SELECT count(*) AS n FROM migrations'), 2);
    });

    // The rest is the CLI's own logic, the same on every server: the embedded one is enough.
    const cliOnly = { skip: target.name === 'external' ? 'covered on the embedded server' : false };

    test('npm run db:downgrade --yes (no --): npm keeps the flag, and the error shows where it goes', cliOnly, async () => {
      writeFileSync(
        join(project.dir, 'package.json'),
        JSON.stringify({ name: 'loop-app', private: true, scripts: { 'db:downgrade': `node ${BIN} downgrade`, 'db:restore': `node ${BIN} restore` } }),
      );
      const swallowed = await npmRun(['db:downgrade', '--yes'], project.dir, targetEnv(db));
      assert.equal(swallowed.code, 9, swallowed.stderr);
      assert.match(swallowed.stderr, /^error: downgrade on database \S+: 1 column with 2 values will be lost: .*; it needs confirmation and there is no terminal to ask on\. npm kept --yes for itself; put it after --: npm run db:downgrade -- --yes\. Nothing was changed$/m);
      assert.equal(await phoneColumn(), true);

      const confirmed = await npmRun(['db:downgrade', '--', '--yes'], project.dir, targetEnv(db));
      assert.equal(confirmed.code, 0, confirmed.stderr);
      const undo = confirmed.stdout.match(/undo with: .*/g) ?? [];
      assert.equal(undo.length, 1, confirmed.stdout);
      assert.match(undo[0], /^undo with: npm run db:restore -- auto-\d{8}-\d{6}-downgrade$/);
      assert.match(confirmed.stdout, /^Dropped column public\.users\.phone \(2 values\)$/m);
      assert.equal(await phoneColumn(), false);
    });

    test('a dropped table: empty, it just goes; with rows, they are counted and it asks', cliOnly, async () => {
      const made = await cli('revision', 'Add notes');
      assert.equal(made.code, 0, made.stderr);
      const notes = migrationNamed('AddNotes');
      const file = join(project.dir, 'src', 'migrations', readdirSync(join(project.dir, 'src', 'migrations')).find((f) => f.endsWith('-AddNotes.ts')) as string);
      writeFileSync(
        file,
        readFileSync(file, 'utf8')
          .replace(/(up\(queryRunner: QueryRunner\): Promise<void> \{\n)/, '$1    await queryRunner.query(`CREATE TABLE "Notes Archive" (id int)`);\n')
          .replace(/(down\(queryRunner: QueryRunner\): Promise<void> \{\n)/, '$1    await queryRunner.query(`DROP TABLE "Notes Archive"`);\n'),
      );
      assert.equal((await cli('upgrade')).code, 0);
      const down = await cli('downgrade');
      assert.equal(down.code, 0, down.stderr);
      assert.equal(lines(down.stdout).at(-1), 'Dropped table public.Notes Archive (empty)');
      assert.match(down.stdout, new RegExp(`… revert ${notes} ✔ ${MS}`));

      assert.equal((await cli('upgrade')).code, 0);
      await adminQuery(db.url, 'INSERT INTO "Notes Archive" SELECT generate_series(1, 3)');
      const refused = await cli('downgrade');
      assert.equal(refused.code, 9);
      assert.match(refused.stderr, /: 1 table with 3 rows will be lost: reverting 1 migration drops table public\.Notes Archive; it needs confirmation/);
      assert.equal(await count('SELECT count(*) AS n FROM "Notes Archive"'), 3);
    });
  });
}
