import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEVLOOP, migrateToHead } from '../support/devloop-project';
import { runCli } from '../support/run-cli';
import { adminQuery, createScratchDatabase, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

for (const target of testTargets()) {
  describe(`db-manage seed (${target.name})`, () => {
    let db: ScratchDatabase;
    const users = () => adminQuery<{ username: string; hash: string }>(db.url, `SELECT username, "passwordHash" AS hash FROM users ORDER BY username`);

    before(async () => {
      db = await createScratchDatabase(target, 'cli_seed');
      await migrateToHead(db);
    });
    after(() => db.drop());

    test('seed twice leaves 4 users with bcrypt hashes and prints the sample logins', async () => {
      const first = await runCli(['seed'], { cwd: DEVLOOP, env: targetEnv(db) });
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^users\s+4 users created, 0 already existed$/m);
      assert.match(first.stdout, /^\s+admin\s+admin@example\.com\s+Password123!\s+admin$/m);
      const second = await runCli(['seed'], { cwd: DEVLOOP, env: targetEnv(db) });
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /^users\s+0 users created, 4 already existed$/m);
      assert.match(second.stdout, /Seeded \S+: 0 created, 21 already existed/);
      const rows = await users();
      assert.deepEqual(rows.map((u) => u.username), ['admin', 'jane_smith', 'john_doe', 'test_user']);
      for (const u of rows) assert.match(u.hash, /^\$2[aby]\$10\$/);
    });

    test('in production the credentials are not printed', async () => {
      const r = await runCli(['seed'], { cwd: DEVLOOP, env: { ...targetEnv(db), NODE_ENV: 'production' } });
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /Password123!/);
      assert.doesNotMatch(r.stdout, /Sample logins/);
    });

    test('--users N --json adds N users and prints one JSON document', async () => {
      const r = await runCli(['seed', '--users', '3', '--only', 'extra-users', '--json'], { cwd: DEVLOOP, env: targetEnv(db) });
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as { seeds: { name: string; created: number }[] };
      assert.deepEqual(doc.seeds.map((s) => [s.name, s.created]), [['extra-users', 3]]);
      assert.equal((await users()).length, 7);
    });
  });
}
