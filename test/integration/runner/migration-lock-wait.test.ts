import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Client } from 'pg';
import { isDbManageError, upgrade, type ProgressEvent } from '../../../src/api';
import { rowsOf } from '../../../src/engine/inspect/queryable';
import { migrationLockKey, withMigrationLock } from '../../../src/engine/runner/migration-lock';
import { FIXTURES } from '../../support/fixture-project';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../../support/test-cluster';

const cwd = join(FIXTURES, 'runner', 'concurrent');
const KEY = migrationLockKey('"public"."migrations"');

async function connect(url: string, applicationName: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: applicationName });
  await client.connect();
  return client;
}

async function waitingSessions(db: ScratchDatabase): Promise<number> {
  const rows = await adminQuery<{ n: number }>(
    db.url,
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return rows[0].n;
}

for (const target of testTargets()) {
  describe(`waiting for the migration lock (${target.name})`, () => {
    const dbs: ScratchDatabase[] = [];
    after(() => Promise.all(dbs.map((d) => d.drop())));

    async function fresh(statementTimeout: string) {
      const db = await createScratchDatabase(target, 'lock_wait');
      dbs.push(db);
      await adminQuery(db.url, 'CREATE TABLE "runner_gate" ("x" int)');
      // Set on the database, as a DBA sets it: every new session gets it, ours too.
      await adminQuery(db.url, `ALTER DATABASE "${db.name}" SET statement_timeout = '${statementTimeout}'`);
      return db;
    }

    test('a server statement_timeout shorter than the wait does not cancel it (H17)', async () => {
      const db = await fresh('150ms');
      const holder = await connect(db.url, 'deploy-job');
      try {
        await holder.query('SELECT pg_advisory_lock($1, $2)', [...KEY]);
        const notices: string[] = [];
        const run = upgrade({ cwd, datasource: 'data-source.ts', env: apiEnv(db), onProgress: (e: ProgressEvent) => (e.kind === 'notice' ? notices.push(e.message) : undefined) });
        // Hold it for many statement_timeouts.
        await new Promise((r) => setTimeout(r, 1_200));
        await holder.query('SELECT pg_advisory_unlock($1, $2)', [...KEY]);
        const report = await run;
        assert.equal(report.applied.length, 3);
        assert.ok(notices.some((n) => /waiting for another db-manage run/.test(n)), notices.join('; '));
      } finally {
        await holder.end();
      }
    });

    test('a wait that outlasts our own bound fails in one line naming the holder, and leaves nothing waiting', async () => {
      const db = await fresh('100ms');
      const holder = await connect(db.url, 'nightly-report');
      const waiter = await connect(db.url, 'db-manage');
      try {
        await holder.query('SELECT pg_advisory_lock($1, $2)', [...KEY]);
        const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        const started = Date.now();
        let ran = false;
        const failure = await withMigrationLock(rowsOf(waiter), async () => (ran = true), { key: KEY, waitMs: 1_000 }).then(
          () => assert.fail('the lock was taken although another session holds it'),
          (err: unknown) => err,
        );
        assert.equal(ran, false);
        assert.ok(isDbManageError(failure), String(failure));
        assert.equal(failure.code, 'lock-timeout');
        assert.match(failure.oneLine, new RegExp(`pid ${rows[0].pid} \\("nightly-report"`));
        assert.match(failure.oneLine, /connected since \d{4}-\d\d-\d\dT/);
        assert.match(failure.oneLine, new RegExp(`pg_terminate_backend\\(${rows[0].pid}\\)`));
        assert.doesNotMatch(failure.oneLine, /permission|privilege/i);
        assert.ok(Date.now() - started < 5_000);
        assert.equal(await waitingSessions(db), 0);
      } finally {
        await holder.end();
        await waiter.end();
      }
    });
  });
}
