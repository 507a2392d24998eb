import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../support/run-cli';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, createScratchDatabase, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

for (const target of testTargets()) {
  describe(`db-manage backup / restore-backup (${target.name})`, () => {
    let db: ScratchDatabase;
    let dir: string;
    const rows = async () => Number((await adminQuery<{ n: string }>(db.url, 'SELECT count(*) AS n FROM notes'))[0].n);

    before(async () => {
      db = await createScratchDatabase(target, 'cli_backup');
      dir = mkdtempSync(join(tmpdir(), 'dbm-cli-backup-'));
      await adminQuery(db.url, 'CREATE TABLE notes (id int); INSERT INTO notes SELECT generate_series(1, 6)');
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await dropWithSnapshots(db);
    });

    test('backup, a destructive change and restore-backup; or a clear tool-missing error', async () => {
      const file = join(dir, 'notes.dump');
      const made = await runCli(['backup', file], { env: targetEnv(db) });
      if (made.code === 10) {
        // No pg_dump of the server's version here (the embedded server is 17, the machine's client 15).
        assert.match(made.stderr, /^error: backup needs pg_dump \d+ to match the server \(PostgreSQL [\d.]+\)/);
        assert.match(made.stderr, /npx db-manage snapshot, which needs no client tools/);
        assert.equal(made.stderr.trim().split('\n').length, 1);
        return;
      }
      assert.equal(made.code, 0, made.stderr);
      assert.match(made.stdout, /Backup of \S+ written to .*notes\.dump \([\d.]+ k?B, custom format, pg_dump [\d.]+\)/);
      assert.match(made.stdout, /Restore it with: npx db-manage restore-backup /);

      await adminQuery(db.url, 'TRUNCATE notes');
      const refused = await runCli(['restore-backup', file], { env: targetEnv(db) });
      assert.equal(refused.code, 9);
      assert.match(refused.stderr, /needs confirmation/);
      assert.equal(await rows(), 0);

      const restored = await runCli(['restore-backup', file, '--yes', '--json'], { env: targetEnv(db) });
      assert.equal(restored.code, 0, restored.stderr);
      const doc = JSON.parse(restored.stdout) as { format: string; autoSnapshot: { name: string } };
      assert.equal(doc.format, 'custom');
      assert.match(doc.autoSnapshot.name, /^auto-/);
      assert.equal(await rows(), 6);
    });
  });
}
