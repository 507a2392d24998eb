import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../support/run-cli';
import { copyFixture, FIXTURES } from '../support/fixture-project';
import { adminQuery, createScratchDatabase, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

const BASIC = join(FIXTURES, 'runner', 'basic');
const FAILING = join(FIXTURES, 'runner', 'failing');
const M1 = 'CreateItems1700000000001';
const M2 = 'AddItemPrice1700000000002';
const M4 = 'IndexTagLabel1700000000004';
const D = ['-d', 'data-source.ts'];

for (const target of testTargets()) {
  describe(`db-manage upgrade/downgrade/current/history/stamp (${target.name})`, () => {
    const cleanups: (() => unknown)[] = [];
    after(async () => {
      for (const c of cleanups) await c();
    });
    async function scratch(): Promise<ScratchDatabase> {
      const db = await createScratchDatabase(target, 'cli_runner');
      cleanups.push(() => db.drop());
      return db;
    }
    const applied = async (db: ScratchDatabase) => (await adminQuery<{ name: string }>(db.url, 'SELECT "name" FROM "migrations" ORDER BY "id"')).map((r) => r.name);

    test('upgrade shows each migration, then current, history and downgrade', async () => {
      const db = await scratch();
      const env = targetEnv(db);
      const up = await runCli(['upgrade', ...D], { cwd: BASIC, env });
      assert.equal(up.code, 0, up.stderr);
      for (const name of [M1, M2, 'CreateTags1700000000003', M4]) assert.match(up.stdout, new RegExp(`^… apply ${name} ✔ \\(\\d+ ms\\)$`, 'm'));
      assert.match(up.stdout, new RegExp(`✔ Upgraded base → ${M4} \\(4 migrations\\)`));

      const cur = await runCli(['current', ...D], { cwd: BASIC, env });
      assert.equal(cur.code, 0, cur.stderr);
      assert.match(cur.stdout, new RegExp(`^${M4} \\(applied \\d{4}-`));

      const hist = await runCli(['history', ...D], { cwd: BASIC, env });
      assert.equal(hist.code, 0, hist.stderr);
      assert.match(hist.stdout, new RegExp(`applied\\s+\\d{4}-\\S+\\s+${M4} \\(head\\)`));

      const down = await runCli(['downgrade', '-2', '--yes', '--no-snapshot', ...D], { cwd: BASIC, env });
      assert.equal(down.code, 0, down.stderr);
      assert.match(down.stdout, new RegExp(`✔ Downgraded ${M4} → ${M2} \\(2 migrations\\)`));
      assert.deepEqual(await applied(db), [M1, M2]);

      const tooFar = await runCli(['downgrade', '--steps', '3', ...D], { cwd: BASIC, env });
      assert.equal(tooFar.code, 8);
      assert.equal(tooFar.stderr, 'error: cannot downgrade 3 steps: only 2 migrations are applied. Use npx db-manage downgrade base to revert them all\n');
    });

    test('--json prints one document', async () => {
      const db = await scratch();
      const r = await runCli(['upgrade', '+1', '--json', ...D], { cwd: BASIC, env: targetEnv(db) });
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout);
      assert.deepEqual(doc.applied.map((s: { name: string }) => s.name), [M1]);
      const h = JSON.parse((await runCli(['history', '--json', ...D], { cwd: BASIC, env: targetEnv(db) })).stdout);
      assert.deepEqual(h.migrations.map((m: { state: string }) => m.state), ['applied', 'pending', 'pending', 'pending']);
      const c = JSON.parse((await runCli(['current', '--json', ...D], { cwd: BASIC, env: targetEnv(db) })).stdout);
      assert.equal(c.current.name, M1);
      assert.equal(c.pending, 3);
    });

    test('--sql prints a runnable script and changes nothing', async () => {
      const db = await scratch();
      const r = await runCli(['upgrade', '--sql', ...D], { cwd: BASIC, env: targetEnv(db) });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^-- history tables\nCREATE TABLE "migrations" /);
      assert.match(r.stdout, new RegExp(`-- ${M1} \\(up\\)\\nSTART TRANSACTION;\\nCREATE TABLE "runner_ledger"`));
      assert.match(r.stdout, /CREATE INDEX CONCURRENTLY "tags_label_idx" ON "tags" \("label"\);/);
      assert.doesNotMatch(r.stdout, /apply|✔/);
      const tables = await adminQuery(db.url, `SELECT 1 FROM pg_tables WHERE schemaname = 'public'`);
      assert.equal(tables.length, 0);
    });

    test('a failing migration: exit 6, one line with the migration, statement and message', async () => {
      const db = await scratch();
      const r = await runCli(['upgrade', ...D], { cwd: FAILING, env: targetEnv(db) });
      assert.equal(r.code, 6);
      const errors = r.stderr.trim().split('\n');
      assert.equal(errors.length, 1, r.stderr);
      assert.equal(
        errors[0],
        'error: migration CreateBetaThenFail1700000000002 failed on ALTER TABLE "no_such_table" ADD "x" integer: relation "no_such_table" does not exist. Nothing of it was applied; the database stays at CreateAlpha1700000000001. Fix the migration and run upgrade again',
      );
      assert.match(r.stdout, /… apply CreateBetaThenFail1700000000002 ✖/);
      assert.deepEqual(await applied(db), ['CreateAlpha1700000000001']);
    });

    test('an unknown or ambiguous revision: exit 8', async () => {
      const db = await scratch();
      const unknown = await runCli(['upgrade', 'AddItemPrize', ...D], { cwd: BASIC, env: targetEnv(db) });
      assert.equal(unknown.code, 8);
      assert.equal(unknown.stderr, `error: no migration matches "AddItemPrize" (did you mean ${M2}?). Run npx db-manage history to list the migrations\n`);
      const ambiguous = await runCli(['upgrade', '1700', ...D], { cwd: BASIC, env: targetEnv(db) });
      assert.equal(ambiguous.code, 8);
      assert.match(ambiguous.stderr, /^error: "1700" matches 4 migrations: /);
    });

    test('an edited applied migration is flagged, upgrade refuses (exit 7), stamp accepts it', async () => {
      const db = await scratch();
      const copy = copyFixture('runner/basic');
      cleanups.push(() => copy.remove());
      const env = targetEnv(db);
      assert.equal((await runCli(['upgrade', M2, ...D], { cwd: copy.dir, env })).code, 0);
      const file = join(copy.dir, 'migrations', '1700000000002-AddItemPrice.ts');
      writeFileSync(file, readFileSync(file, 'utf8').replace('numeric(10,2)', 'numeric(12,2)'));

      const hist = await runCli(['history', ...D], { cwd: copy.dir, env });
      assert.equal(hist.code, 0);
      assert.match(hist.stdout, new RegExp(`${M2} \\(head\\)\\s+edited`));
      assert.match(hist.stderr, new RegExp(`warning: ${M2} was edited after it was applied`));
      const st = await runCli(['status', ...D], { cwd: copy.dir, env });
      assert.match(st.stderr, new RegExp(`warning: ${M2} was edited after it was applied`));

      const up = await runCli(['upgrade', ...D], { cwd: copy.dir, env });
      assert.equal(up.code, 7);
      assert.equal(up.stderr, `error: upgrade refused: ${M2} was edited after it was applied. Restore the file, or accept the project as it is now with npx db-manage stamp ${M2}\n`);
      // Reverting it would run the edited down(): refused too, and nothing changes.
      const down = await runCli(['downgrade', '--yes', ...D], { cwd: copy.dir, env });
      assert.equal(down.code, 7);
      assert.equal(
        down.stderr,
        `error: cannot revert ${M2}: it was edited after it was applied, so its down() may not undo what was applied. Restore the applied version of the file (e.g. git stash) and downgrade, or, if the edited down() is right for this database, accept the edit with npx db-manage stamp ${M2} and downgrade again\n`,
      );
      assert.deepEqual(await applied(db), [M1, M2]);

      const stamped = await runCli(['stamp', M2, ...D], { cwd: copy.dir, env });
      assert.equal(stamped.code, 0, stamped.stderr);
      assert.match(stamped.stdout, new RegExp(`rechecked\\s+${M2}`));
      const again = await runCli(['upgrade', ...D], { cwd: copy.dir, env });
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual(await applied(db), [M1, M2, 'CreateTags1700000000003', M4]);
    });

    test('stamp records without running; stamp base forgets', async () => {
      const db = await scratch();
      const env = targetEnv(db);
      const r = await runCli(['stamp', 'head', ...D], { cwd: BASIC, env });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Stamped IndexTagLabel1700000000004 \(nothing was run\)/);
      assert.deepEqual((await applied(db)).length, 4);
      const items = await adminQuery(db.url, `SELECT 1 FROM pg_tables WHERE tablename = 'items'`);
      assert.equal(items.length, 0, 'no migration ran');
      const base = await runCli(['stamp', 'base', ...D], { cwd: BASIC, env });
      assert.equal(base.code, 0, base.stderr);
      assert.deepEqual(await applied(db), []);
      const missing = await runCli(['stamp', ...D], { cwd: BASIC, env });
      assert.equal(missing.code, 2);
    });
  });
}
