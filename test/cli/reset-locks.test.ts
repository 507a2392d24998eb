import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { Client } from 'pg';
import { migrationLockKey } from '../../src/engine/runner/migration-lock';
import { DEVLOOP, projectDatabase, rowCounts } from '../support/devloop-project';
import { holdLock, settle } from '../support/lock-holder';
import { BIN, runCli } from '../support/run-cli';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

const SEEDED = { users: 4, posts: 5, 'analytics.page_views': 12 };

for (const target of testTargets()) {
  describe(`reset, reset-table and reset-schema behind an application's locks (${target.name})`, () => {
    let db: ScratchDatabase;
    const cli = (args: string[]) => runCli(args, { cwd: DEVLOOP, env: targetEnv(db) });

    before(async () => {
      db = await projectDatabase(target);
      // reset first builds a database from the migrations to compare with (once per project,
      // then cloned): built here, so the timed runs below measure the wait for the lock.
      const warm = await cli(['reset', '--yes', '--no-snapshot']);
      assert.equal(warm.code, 0, warm.stderr);
      const seeded = await cli(['seed']);
      assert.equal(seeded.code, 0, seeded.stderr);
    });
    after(() => dropWithSnapshots(db));

    const cases = [
      { args: ['reset-table', 'posts'], lock: 'UPDATE posts SET title = title', mode: 'ROW EXCLUSIVE' },
      { args: ['reset-table', 'users', '--truncate'], lock: 'SELECT count(*) FROM users', mode: 'ACCESS SHARE' },
      { args: ['reset-schema', 'analytics'], lock: 'UPDATE analytics.page_views SET "userId" = "userId"', mode: 'ROW EXCLUSIVE' },
      { args: ['reset'], lock: 'SELECT count(*) FROM posts', mode: 'ACCESS SHARE' },
    ];
    for (const c of cases) {
      test(`${c.args.join(' ')} gives up after the lock timeout, names the ${c.mode} holder, leaves nothing behind`, async () => {
        const app = await holdLock(db.url, c.lock, 'shop-app');
        try {
          const started = Date.now();
          const r = await cli([...c.args, '--yes', '--no-snapshot', '--lock-timeout', '700ms']);
          const took = Date.now() - started;
          assert.equal(r.code, 13, r.stderr);
          const lines = r.stderr.trim().split('\n');
          assert.equal(lines.length, 1, r.stderr);
          assert.match(lines[0], new RegExp(`^error: ${c.args[0]} gave up after waiting 700ms for a lock held by session ${app.pid} \\(application "shop-app", user \\S+, idle in transaction since \\d\\d:\\d\\d:\\d\\d UTC`));
          assert.match(lines[0], new RegExp(`pg_terminate_backend\\(${app.pid}\\).*Nothing was changed`));
          assert.ok(took < 30_000, `ended in ${took} ms`);
          assert.deepEqual(await settle(target.adminUrl, db.name), { dbManage: 0, waiting: 0 });
        } finally {
          await app.release();
        }
        assert.deepEqual(await rowCounts(db), SEEDED);
      });
    }

    test('reset while another run holds the migration lock (an upgrade): bounded, and the run is named', async () => {
      const holder = new Client({ connectionString: db.url, application_name: 'db-manage upgrade' });
      await holder.connect();
      const [a, b] = migrationLockKey('"public"."migrations"');
      await holder.query('SELECT pg_advisory_lock($1, $2)', [a, b]);
      const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      try {
        const r = await cli(['reset', '--yes', '--no-snapshot', '--lock-timeout', '700ms']);
        assert.equal(r.code, 13, r.stderr);
        assert.match(r.stdout, /waiting for another db-manage run/);
        assert.match(r.stderr, new RegExp(`^error: reset gave up after waiting 700ms for a lock held by session ${rows[0].pid} \\(application "db-manage upgrade"`));
        assert.deepEqual(await rowCounts(db), SEEDED);
      } finally {
        await holder.end();
      }
    });

    test('a reset-table killed while it waits leaves no DROP queued on the server', async () => {
      const app = await holdLock(db.url, 'SELECT count(*) FROM posts', 'shop-app');
      try {
        const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...targetEnv(db) };
        delete env.NODE_ENV;
        const child = spawn(process.execPath, [BIN, 'reset-table', 'posts', '--yes', '--no-snapshot', '--lock-timeout', '60s'], { cwd: DEVLOOP, env, stdio: 'ignore' });
        const until = Date.now() + 60_000;
        let waiting = false;
        while (!waiting && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 100));
          const w = await adminQuery(target.adminUrl, `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'db-manage' AND wait_event_type = 'Lock'`, [db.name]);
          waiting = w.length > 0;
        }
        assert.ok(waiting, 'the DROP waited behind the application');
        child.kill('SIGKILL');
        await new Promise((r) => child.on('close', r));
        assert.deepEqual(await settle(target.adminUrl, db.name, 10_000), { dbManage: 0, waiting: 0 });
      } finally {
        await app.release();
      }
      assert.deepEqual(await rowCounts(db), SEEDED);
    });
  });
}
