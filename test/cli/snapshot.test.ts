import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../support/run-cli';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, createScratchDatabase, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

for (const target of testTargets()) {
  describe(`db-manage snapshot / restore / snapshots (${target.name})`, () => {
    let db: ScratchDatabase;
    const rows = async () => Number((await adminQuery<{ n: string }>(db.url, 'SELECT count(*) AS n FROM notes'))[0].n);

    before(async () => {
      db = await createScratchDatabase(target, 'cli_snapshot');
      await adminQuery(db.url, `CREATE TABLE notes (id int); INSERT INTO notes SELECT generate_series(1, 5)`);
    });
    after(() => dropWithSnapshots(db));

    test('snapshot, a destructive change, then restore --yes brings the data back', async () => {
      const taken = await runCli(['snapshot', 'first'], { env: targetEnv(db) });
      assert.equal(taken.code, 0, taken.stderr);
      assert.match(taken.stdout, /Snapshot first of \S+ taken/);
      assert.match(taken.stdout, /Restore it with: npx db-manage restore first/);

      await adminQuery(db.url, 'TRUNCATE notes');
      const restored = await runCli(['restore', 'first', '--yes'], { env: targetEnv(db) });
      assert.equal(restored.code, 0, restored.stderr);
      assert.match(restored.stdout, /undo with: npx db-manage restore auto-\d{8}-\d{6}-restore/);
      assert.match(restored.stdout, /restored from snapshot first/);
      assert.equal(await rows(), 5);
    });

    test('restore without a TTY and without --yes exits 9 and changes nothing', async () => {
      await adminQuery(db.url, 'DELETE FROM notes WHERE id = 1');
      const r = await runCli(['restore', 'first'], { env: targetEnv(db) });
      assert.equal(r.code, 9);
      assert.match(r.stderr, /1 table with 4 rows will be replaced by snapshot first.*needs confirmation.*--yes/);
      assert.equal(await rows(), 4);
    });

    test('NODE_ENV=production restore --yes refuses', async () => {
      const r = await runCli(['restore', 'first', '--yes'], { env: { ...targetEnv(db), NODE_ENV: 'production' } });
      assert.equal(r.code, 9);
      assert.match(r.stderr, /refused: NODE_ENV is production/);
      assert.equal(await rows(), 4);
    });

    test('snapshots lists name, created time and size; --json is one document', async () => {
      const human = await runCli(['snapshots'], { env: targetEnv(db) });
      assert.equal(human.code, 0, human.stderr);
      assert.match(human.stdout, /^name\s+created\s+size$/m);
      assert.match(human.stdout, /^first\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+[\d.]+ [kMG]?B$/m);
      const json = await runCli(['snapshots', '--json'], { env: targetEnv(db) });
      assert.equal(json.code, 0, json.stderr);
      const doc = JSON.parse(json.stdout) as { snapshots: { name: string; sizeBytes: number; createdAt: string }[] };
      const first = doc.snapshots.find((s) => s.name === 'first');
      assert.ok(first && first.sizeBytes > 0 && !Number.isNaN(Date.parse(first.createdAt)));
    });

    test('an unknown snapshot name exits 8 and lists the valid ones', async () => {
      const r = await runCli(['restore', 'missing', '--yes', '--json'], { env: targetEnv(db) });
      assert.equal(r.code, 8);
      const doc = JSON.parse(r.stdout) as { error: { code: string; hint: string } };
      assert.equal(doc.error.code, 'name-not-found');
      assert.match(doc.error.hint, /first/);
    });
  });
}
