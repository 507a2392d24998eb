import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../support/run-cli';
import { createScratchDatabase, embeddedTarget, targetEnv, testTargets, withDatabase, type ScratchDatabase } from '../support/test-cluster';

for (const target of testTargets()) {
  describe(`db-manage status (${target.name})`, () => {
    let db: ScratchDatabase;
    before(async () => {
      db = await createScratchDatabase(target, 'cli_status');
    });
    after(() => db.drop());

    test('prints connection, server and migration state', async () => {
      const r = await runCli(['status'], { env: targetEnv(db) });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`PostgreSQL \\d+\\.\\d+ \\(${target.name}\\)`));
      if (target.name === 'embedded') assert.match(r.stdout, /PostgreSQL 17\./);
      assert.match(r.stdout, /Migrations\s+0 applied, 1 pending/);
      assert.match(r.stdout, /pending\s+InitialMigration\d{13}/);
      assert.match(r.stdout, /Entities\s+drift: \d+ changes? not in a migration/);
      const password = new URL(db.url).password;
      if (password) assert.ok(!r.stdout.includes(password), 'password leaked');
    });

    test('--json prints one JSON document', async () => {
      const r = await runCli(['status', '--json'], { env: targetEnv(db) });
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.connection.kind, target.name);
      assert.equal(doc.migrations.applied, 0);
      assert.equal(doc.migrations.pending, 1);
    });

    test('--quick prints only the connection and the revision', async () => {
      const r = await runCli(['status', '--quick'], { env: targetEnv(db) });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Revision/);
      assert.doesNotMatch(r.stdout, /Migrations/);
    });

    test('a missing database is one line with a hint and exit 4', async () => {
      const missing = withDatabase(target.adminUrl, 'dbm_no_such_database');
      const r = await runCli(['status'], { env: { DATABASE_URL: missing } });
      assert.equal(r.code, 4);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /database "dbm_no_such_database" does not exist/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  });
}

describe('db-manage errors without a server', () => {
  test('a dead port gives one line, exit 4 and no password', async () => {
    const r = await runCli(['status'], { env: { DATABASE_URL: 'postgres://app:hunter22@127.0.0.1:5999/app' } });
    assert.equal(r.code, 4);
    assert.equal(
      r.stderr.trim(),
      'error: cannot connect to postgres://app:***@127.0.0.1:5999/app: connection refused. Is the server running? Unset DATABASE_URL to use the embedded server.',
    );
    assert.ok(!(r.stdout + r.stderr).includes('hunter22'));
  });

  test('a wrong password is reported as such', async () => {
    const embedded = embeddedTarget();
    const url = new URL(embedded.adminUrl);
    url.password = 'wrong-password';
    const r = await runCli(['status'], { env: { DATABASE_URL: url.toString() } });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /authentication failed for user "postgres"/);
    assert.ok(!r.stderr.includes('wrong-password'));
  });

  test('a malformed URL is a config error', async () => {
    const r = await runCli(['status'], { env: { DATABASE_URL: 'not-a-url' } });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^error: DATABASE_URL is not a valid URL/);
  });
});
