import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Client } from 'pg';
import { upgrade, type ProgressEvent, type UpgradeReport } from '../../../src/api';
import { FIXTURES } from '../../support/fixture-project';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../../support/test-cluster';

const cwd = join(FIXTURES, 'runner', 'concurrent');
const NAMES = ['CreateLedger1700000000001', 'Second1700000000002', 'Third1700000000003'];
const WAITING = 'waiting for another db-manage run…';

/** Polls until `check` holds; the guard only turns a hang into a failure, it asserts no timing. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`gave up waiting until ${what}`);
}

for (const target of testTargets()) {
  describe(`concurrent upgrades (${target.name})`, () => {
    const dbs: ScratchDatabase[] = [];
    after(() => Promise.all(dbs.map((d) => d.drop())));

    async function fresh() {
      const db = await createScratchDatabase(target, 'runner_conc');
      dbs.push(db);
      await adminQuery(db.url, 'CREATE TABLE "runner_gate" ("x" int)');
      return { db, options: { cwd, datasource: 'data-source.ts', env: apiEnv(db) } };
    }

    async function ledger(db: ScratchDatabase) {
      return adminQuery<{ name: string; n: number }>(db.url, 'SELECT "name", count(*)::int AS n FROM "runner_ledger" GROUP BY 1 ORDER BY 1');
    }

    function expectOnce(reports: UpgradeReport[]) {
      const applied = reports.flatMap((r) => r.applied.map((s) => s.name)).sort();
      assert.deepEqual(applied, [...NAMES].sort(), 'each migration applied by exactly one run');
    }

    test('four parallel upgrades apply each migration exactly once', async () => {
      const { db, options } = await fresh();
      const reports = await Promise.all([1, 2, 3, 4].map(() => upgrade(options)));
      expectOnce(reports);
      assert.deepEqual(await ledger(db), NAMES.map((name) => ({ name, n: 1 })).sort((a, b) => a.name.localeCompare(b.name)));
      const history = await adminQuery<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM "migrations"');
      assert.deepEqual(history, [{ n: 3 }]);
    });

    test('a run that finds the lock taken says it is waiting, then applies only what is still pending', async () => {
      const { db, options } = await fresh();
      // Hold the first run inside its first migration: it has the migration lock by then.
      const gate = new Client({ connectionString: db.url });
      await gate.connect();
      try {
        await gate.query('BEGIN');
        await gate.query('LOCK TABLE "runner_gate" IN ACCESS EXCLUSIVE MODE');
        const first = upgrade(options);
        await eventually(async () => {
          const rows = await adminQuery<{ n: number }>(
            db.url,
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'relation' AND query LIKE '%runner_gate%'`,
          );
          return rows[0].n === 1;
        }, 'the first run waits on the gate');

        const notices: string[][] = [[], [], []];
        const others = notices.map((seen) =>
          upgrade({ ...options, onProgress: (e: ProgressEvent) => (e.kind === 'notice' ? seen.push(e.message) : undefined) }),
        );
        await eventually(async () => notices.every((n) => n.includes(WAITING)), 'the other runs report that they wait');
        await gate.query('COMMIT');
        const reports = await Promise.all([first, ...others]);
        expectOnce(reports);
        assert.deepEqual(reports[0].applied.map((s) => s.name), NAMES, 'the first run applied everything');
        for (const r of reports.slice(1)) assert.deepEqual(r.applied, [], 'the waiting runs found nothing pending');
        assert.ok((await ledger(db)).every((r) => r.n === 1));
      } finally {
        await gate.end();
      }
    });
  });
}
