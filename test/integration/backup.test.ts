import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { backup, DbManageError, restoreBackup } from '../../src/api';
import { ROOT } from '../support/run-cli';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

const hasCode = (code: string) => (e: unknown) => e instanceof DbManageError && e.code === code;

for (const target of testTargets()) {
  describe(`backup and restore-backup on the ${target.name} server`, () => {
    let db: ScratchDatabase;
    let dir: string;
    /** Whether this machine has client tools of the server's major version. */
    let matching: boolean;
    const options = () => ({ cwd: ROOT, env: apiEnv(db) });
    const count = async () => Number((await adminQuery<{ n: string }>(db.url, 'SELECT count(*) AS n FROM notes'))[0].n);

    before(async () => {
      db = await createScratchDatabase(target, 'backup');
      dir = mkdtempSync(join(tmpdir(), 'dbm-backup-'));
      await adminQuery(db.url, `CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes SELECT g, 'n' || g FROM generate_series(1, 4) g`);
      matching = await backup({ ...options(), file: join(dir, 'probe.dump') }).then(
        () => true,
        (e: unknown) => {
          if (!hasCode('tool-missing')(e)) throw e;
          return false;
        },
      );
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await dropWithSnapshots(db);
    });

    test('without a pg_dump of the server version: tool-missing names the version and snapshot', async (t) => {
      if (matching) return t.skip('this machine has a matching pg_dump; the unit tests cover the message');
      const version = (await adminQuery<{ v: string }>(db.url, `SELECT current_setting('server_version') AS v`))[0].v;
      const major = version.split('.')[0];
      await assert.rejects(backup({ ...options(), file: join(dir, 'x.dump') }), (e: unknown) => {
        assert.ok(hasCode('tool-missing')(e));
        const err = e as DbManageError;
        assert.match(err.message, new RegExp(`backup needs pg_dump ${major} to match the server`));
        assert.match(err.hint ?? '', /npx db-manage snapshot, which needs no client tools/);
        return true;
      });
      assert.deepEqual(readdirSync(dir), [], 'no file is left behind');
      writeFileSync(join(dir, 'plain.sql'), 'SELECT 1;');
      await assert.rejects(restoreBackup({ ...options(), file: join(dir, 'plain.sql'), yes: true }), hasCode('tool-missing'));
      assert.equal(await count(), 4);
    });

    for (const ext of ['dump', 'sql']) {
      test(`backup to .${ext}, destructive change, restore-backup brings the data back`, async (t) => {
        if (!matching) return t.skip('no client tools of the server version on this machine');
        const file = join(dir, `notes.${ext}`);
        const report = await backup({ ...options(), file });
        assert.equal(report.file, file);
        assert.equal(report.format, ext === 'sql' ? 'plain' : 'custom');
        assert.ok(report.sizeBytes > 0);
        await assert.rejects(backup({ ...options(), file }), hasCode('io-failed'));

        await adminQuery(db.url, 'DELETE FROM notes WHERE id > 2');
        await assert.rejects(restoreBackup({ ...options(), file }), hasCode('confirmation-required'));
        assert.equal(await count(), 2);
        const restored = await restoreBackup({ ...options(), file, yes: true });
        assert.equal(await count(), 4);
        assert.deepEqual(restored.plan.tables, [{ schema: 'public', table: 'notes', rows: 2 }]);
        // Two restores within one second get a numbered name: auto-…-restore-back-2.
        assert.match(restored.autoSnapshot?.name ?? '', /^auto-\d{8}-\d{6}-restore-back(up$|-\d+$)/);
      });
    }

    test('a dump is 0600 and the folders backup creates are 0700, whatever the umask', async (t) => {
      if (!matching) return t.skip('no client tools of the server version on this machine');
      const mode = (path: string) => statSync(path).mode & 0o777;
      const previous = process.umask(0);
      try {
        const file = join(dir, 'private', 'nested', 'rows.sql');
        await backup({ ...options(), file });
        assert.equal(mode(file), 0o600);
        assert.equal(mode(join(dir, 'private')), 0o700);
        assert.equal(mode(join(dir, 'private', 'nested')), 0o700);
        // --overwrite over a world-readable file from elsewhere leaves a private one.
        chmodSync(file, 0o666);
        await backup({ ...options(), file, overwrite: true });
        assert.equal(mode(file), 0o600);
        assert.match(readFileSync(file, 'utf8'), /CREATE TABLE public\.notes/);
      } finally {
        process.umask(previous);
      }
    });

    test('a broken dump fails and leaves the database as it was', async (t) => {
      if (!matching) return t.skip('no client tools of the server version on this machine');
      const file = join(dir, 'broken.sql');
      writeFileSync(file, 'CREATE TABLE fine (x int);\nTHIS IS NOT SQL;\n');
      await assert.rejects(restoreBackup({ ...options(), file, yes: true, snapshot: false }), (e: unknown) => {
        assert.ok(hasCode('tool-failed')(e));
        assert.match((e as Error).message, /psql failed: .*syntax error/);
        return true;
      });
      assert.equal(await count(), 4);
      const leftovers = await adminQuery(target.adminUrl, `SELECT datname FROM pg_database WHERE starts_with(datname, left($1, 30) || '__dbm_')`, [db.name]);
      assert.deepEqual(leftovers, []);
    });

    test('restore-backup refuses a missing file and production', async () => {
      await assert.rejects(restoreBackup({ ...options(), file: join(dir, 'nope.dump'), yes: true }), hasCode('io-failed'));
      await assert.rejects(restoreBackup({ cwd: ROOT, env: { ...apiEnv(db), NODE_ENV: 'production' }, file: 'x', yes: true }), hasCode('production-guard'));
    });
  });
}
