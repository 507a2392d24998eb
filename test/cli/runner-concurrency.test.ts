import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Client } from 'pg';
import { runCli } from '../support/run-cli';
import { FIXTURES } from '../support/fixture-project';
import { adminQuery, createScratchDatabase, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

const cwd = join(FIXTURES, 'runner', 'concurrent');
const NAMES = ['CreateLedger1700000000001', 'Second1700000000002', 'Third1700000000003'];

/** Polls until `check` holds; the guard only turns a hang into a failure. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`gave up waiting until ${what}`);
}

async function waiting(db: ScratchDatabase, event: 'relation'): Promise<number> {
  const rows = await adminQuery<{ n: number }>(
    db.url,
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = $1`,
    [event],
  );
  return rows[0].n;
}

/** Runs waiting for the migration lock ask for it again and again; between asks their last statement is the try. */
async function pollingForLock(db: ScratchDatabase): Promise<number> {
  const rows = await adminQuery<{ n: number }>(
    db.url,
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'db-manage' AND query LIKE '%pg_try_advisory_lock%'`,
  );
  return rows[0].n;
}

for (const target of testTargets()) {
  describe(`concurrent db-manage upgrade processes (${target.name})`, () => {
    let db: ScratchDatabase;
    after(() => db?.drop());

    test('four processes apply each migration exactly once; the late ones say they wait', async () => {
      db = await createScratchDatabase(target, 'cli_runner_conc');
      await adminQuery(db.url, 'CREATE TABLE "runner_gate" ("x" int)');
      const env = targetEnv(db);
      const gate = new Client({ connectionString: db.url });
      await gate.connect();
      try {
        await gate.query('BEGIN');
        await gate.query('LOCK TABLE "runner_gate" IN ACCESS EXCLUSIVE MODE');
        const first = runCli(['upgrade', '-d', 'data-source.ts'], { cwd, env });
        await eventually(async () => (await waiting(db, 'relation')) === 1, 'the first process holds the migration lock and waits on the gate');
        const others = [1, 2, 3].map(() => runCli(['upgrade', '-d', 'data-source.ts'], { cwd, env }));
        await eventually(async () => (await pollingForLock(db)) === 3, 'the other three wait on the migration lock');
        await gate.query('COMMIT');
        const [r1, ...rest] = await Promise.all([first, ...others]);
        for (const r of [r1, ...rest]) assert.equal(r.code, 0, r.stderr);
        for (const name of NAMES) assert.match(r1.stdout, new RegExp(`… apply ${name} ✔`));
        for (const r of rest) {
          assert.match(r.stdout, /waiting for another db-manage run…/);
          assert.match(r.stdout, /Nothing to apply: the database is at Third1700000000003/);
        }
      } finally {
        await gate.end();
      }
      const ledger = await adminQuery<{ name: string; n: number }>(db.url, 'SELECT "name", count(*)::int AS n FROM "runner_ledger" GROUP BY 1 ORDER BY 1');
      assert.deepEqual(ledger, [...NAMES].sort().map((name) => ({ name, n: 1 })));
    });
  });
}
