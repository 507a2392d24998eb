import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { downgrade, history, upgrade, type ProgressEvent } from '../../../src/api';
import { FIXTURES } from '../../support/fixture-project';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase, type TestTarget } from '../../support/test-cluster';

const cwd = join(FIXTURES, 'runner', 'basic');
const M1 = 'CreateItems1700000000001';
const M2 = 'AddItemPrice1700000000002';
const M3 = 'CreateTags1700000000003';
const M4 = 'IndexTagLabel1700000000004';

for (const target of testTargets()) {
  describe(`upgrade and downgrade (${target.name})`, () => {
    const dbs: ScratchDatabase[] = [];
    after(() => Promise.all(dbs.map((d) => d.drop())));

    async function fresh(t: TestTarget): Promise<{ db: ScratchDatabase; options: { cwd: string; datasource: string; env: Record<string, string | undefined> } }> {
      const db = await createScratchDatabase(t, 'runner_updown');
      dbs.push(db);
      return { db, options: { cwd, datasource: 'data-source.ts', env: apiEnv(db) } };
    }
    const appliedNames = async (db: ScratchDatabase) => (await adminQuery<{ name: string }>(db.url, 'SELECT "name" FROM "migrations" ORDER BY "id"')).map((r) => r.name);
    const tables = async (db: ScratchDatabase) =>
      (await adminQuery<{ t: string }>(db.url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r) => r.t);

    test('upgrades to head in order, one progress step per migration', async () => {
      const { db, options } = await fresh(target);
      const events: ProgressEvent[] = [];
      const report = await upgrade({ ...options, onProgress: (e) => events.push(e) });
      assert.deepEqual(report.applied.map((s) => s.name), [M1, M2, M3, M4]);
      assert.equal(report.from, null);
      assert.equal(report.to?.name, M4);
      assert.deepEqual(await appliedNames(db), [M1, M2, M3, M4]);
      assert.deepEqual(await tables(db), ['db_manage_checksums', 'items', 'migrations', 'runner_ledger', 'tags']);
      const steps = events.filter((e) => e.kind === 'step');
      assert.deepEqual(
        steps.map((e) => `${e.phase} ${e.label}`),
        [M1, M2, M3, M4].flatMap((m) => [`start apply ${m}`, `done apply ${m}`]),
      );
      assert.ok(steps.filter((e) => e.phase === 'done').every((e) => typeof e.ms === 'number'));
      // the concurrently built index exists and is valid
      const idx = await adminQuery<{ valid: boolean }>(db.url, `SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = 'tags_label_idx'::regclass`);
      assert.deepEqual(idx, [{ valid: true }]);
      const again = await upgrade(options);
      assert.deepEqual(again.applied, []);
      assert.equal(again.to?.name, M4);
    });

    test('targets: +N, a prefix, a timestamp; downgrade -N, a revision, base', async () => {
      const { db, options } = await fresh(target);
      assert.deepEqual((await upgrade({ ...options, target: '+1' })).applied.map((s) => s.name), [M1]);
      assert.deepEqual((await upgrade({ ...options, target: 'addit' })).applied.map((s) => s.name), [M2]);
      assert.deepEqual((await upgrade({ ...options, target: '1700000000004' })).applied.map((s) => s.name), [M3, M4]);
      const one = await downgrade({ ...options, yes: true, snapshot: false });
      assert.deepEqual(one.reverted.map((s) => s.name), [M4]);
      assert.equal(one.to?.name, M3);
      assert.deepEqual((await downgrade({ ...options, yes: true, snapshot: false, steps: 1 })).reverted.map((s) => s.name), [M3]);
      await upgrade(options);
      assert.deepEqual((await downgrade({ ...options, yes: true, snapshot: false, target: '-2' })).reverted.map((s) => s.name), [M4, M3]);
      assert.deepEqual((await downgrade({ ...options, yes: true, snapshot: false, target: M1 })).reverted.map((s) => s.name), [M2]);
      assert.deepEqual(await appliedNames(db), [M1]);
      const base = await downgrade({ ...options, yes: true, snapshot: false, target: 'base' });
      assert.deepEqual(base.reverted.map((s) => s.name), [M1]);
      assert.equal(base.to, null);
      assert.deepEqual(await tables(db), ['db_manage_checksums', 'migrations']);
      await assert.rejects(downgrade({ ...options, yes: true, snapshot: false }), (err: { code?: string }) => err.code === 'revision-out-of-range');
      await assert.rejects(upgrade({ ...options, target: 'Nope' }), (err: { code?: string }) => err.code === 'revision-not-found');
    });

    test('--sql returns the statements and changes nothing', async () => {
      const { db, options } = await fresh(target);
      const report = await upgrade({ ...options, sql: true });
      assert.equal(report.dryRun, true);
      assert.deepEqual(report.applied, []);
      assert.deepEqual(report.planned.map((p) => p.name), [M1, M2, M3, M4]);
      const sql = (report.sql ?? []).flatMap((b) => b.statements).join('\n');
      assert.match(sql, /CREATE TABLE "migrations"/);
      assert.match(sql, /CREATE TABLE "items"/);
      assert.match(sql, /CREATE TABLE "tags"/, 'the schema builder call is recorded');
      assert.match(sql, /INSERT INTO "runner_ledger" \("name"\) VALUES \('CreateItems1700000000001'\)/, 'parameters are inlined');
      assert.match(sql, /CREATE INDEX CONCURRENTLY/);
      assert.deepEqual(await tables(db), [], 'nothing was created');
      await upgrade({ ...options, target: '+2' });
      const down = await downgrade({ ...options, yes: true, snapshot: false, target: 'base', sql: true });
      assert.deepEqual(down.sql?.map((b) => b.label), [`${M2} (down)`, `${M1} (down)`]);
      assert.deepEqual(await appliedNames(db), [M1, M2], 'nothing was reverted');
      // the session is writable again for whoever reuses it
      assert.deepEqual((await upgrade(options)).applied.map((s) => s.name), [M3, M4]);
    });

    test('each: one transaction per migration, holding its history row', async () => {
      const { db, options } = await fresh(target);
      await upgrade({ ...options, target: '+3' });
      const rows = await adminQuery<{ name: string; ledger: string; history: string }>(
        db.url,
        `SELECT l."name", (l."txid" % 4294967296)::text AS ledger, m.xmin::text AS history FROM "runner_ledger" l JOIN "migrations" m ON m."name" = l."name" ORDER BY m."id"`,
      );
      assert.equal(rows.length, 3);
      for (const r of rows) assert.equal(r.ledger, r.history, `${r.name}: migration and history row in one transaction`);
      assert.equal(new Set(rows.map((r) => r.ledger)).size, 3);
      const sums = await adminQuery<{ x: string }>(db.url, `SELECT xmin::text AS x FROM "db_manage_checksums" ORDER BY "applied_at"`);
      assert.deepEqual(sums.map((s) => s.x), rows.map((r) => r.history), 'checksum rows are written in the same transactions');
    });

    test('all: one transaction for the run; refuses a transaction = false migration', async () => {
      const { db, options } = await fresh(target);
      await assert.rejects(upgrade({ ...options, transaction: 'all' }), (err: { code?: string; message?: string }) => {
        assert.equal(err.code, 'usage');
        assert.match(String(err.message), new RegExp(`${M4} must run outside a transaction`));
        return true;
      });
      const report = await upgrade({ ...options, transaction: 'all', target: M3 });
      assert.ok(report.applied.every((s) => s.transaction));
      const txids = await adminQuery<{ n: number }>(db.url, 'SELECT count(DISTINCT "txid")::int AS n FROM "runner_ledger"');
      assert.deepEqual(txids, [{ n: 1 }]);
    });

    test('none: migrations run outside transactions', async () => {
      const { db, options } = await fresh(target);
      const report = await upgrade({ ...options, transaction: 'none' });
      assert.deepEqual(report.applied.map((s) => s.transaction), [false, false, false, false]);
      const rows = await adminQuery<{ same: boolean }>(
        db.url,
        `SELECT bool_or((l."txid" % 4294967296)::text = m.xmin::text) AS same FROM "runner_ledger" l JOIN "migrations" m ON m."name" = l."name"`,
      );
      assert.deepEqual(rows, [{ same: false }], 'the history rows were written after each migration, not with it');
      const list = await history(options);
      assert.deepEqual(list.migrations.map((m) => m.state), ['applied', 'applied', 'applied', 'applied']);
    });
  });
}
