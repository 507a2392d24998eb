import assert from 'node:assert/strict';
import { Client } from 'pg';
import { after, before, describe, test } from 'node:test';
import { DbManageError, restore, snapshot, snapshots, type DestructionPlan } from '../../src/api';
import { ROOT } from '../support/run-cli';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

const hasCode = (code: string) => (e: unknown) => e instanceof DbManageError && e.code === code;

for (const target of testTargets()) {
  describe(`snapshot and restore on the ${target.name} server`, () => {
    let db: ScratchDatabase;
    let other: ScratchDatabase;
    const options = () => ({ cwd: ROOT, env: apiEnv(db) });
    const count = async () => Number((await adminQuery<{ n: string }>(db.url, 'SELECT count(*) AS n FROM notes'))[0].n);

    before(async () => {
      db = await createScratchDatabase(target, 'snapshot');
      other = await createScratchDatabase(target, 'snapshot');
      await adminQuery(db.url, `CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes SELECT g, 'n' || g FROM generate_series(1, 3) g`);
    });
    after(async () => {
      await dropWithSnapshots(db);
      await dropWithSnapshots(other);
    });

    test('snapshot, destructive change, restore brings the data back', async () => {
      const taken = await snapshot({ ...options(), name: 'before' });
      assert.equal(taken.snapshot.name, 'before');
      assert.equal(taken.database, db.name);
      assert.ok(taken.snapshot.sizeBytes > 0);
      assert.equal(taken.restoreCommand, 'npx db-manage restore before');

      await adminQuery(db.url, 'DELETE FROM notes WHERE id > 1; CREATE TABLE junk (x int)');
      const report = await restore({ ...options(), name: 'before', yes: true });
      assert.equal(report.restored.name, 'before');
      assert.deepEqual(report.plan.tables.map((t) => [t.table, t.rows]), [['junk', 0], ['notes', 1]]);
      assert.match(report.autoSnapshot?.name ?? '', /^auto-\d{8}-\d{6}-restore$/);
      assert.equal(await count(), 3);
      const junk = await adminQuery<{ found: boolean }>(db.url, `SELECT to_regclass('junk') IS NOT NULL AS found`);
      assert.equal(junk[0].found, false);

      // The snapshot survives a restore, and the automatic one holds the pre-restore state.
      const listed = (await snapshots(options())).snapshots.map((s) => s.name);
      assert.ok(listed.includes('before') && listed.includes(report.autoSnapshot!.name));
      await restore({ ...options(), name: report.autoSnapshot!.name, yes: true, snapshot: false });
      assert.equal(await count(), 1);
      await restore({ ...options(), name: 'before', yes: true, snapshot: false });
      assert.equal(await count(), 3);
    });

    test('without --yes and without a way to ask, restore refuses and changes nothing', async () => {
      await adminQuery(db.url, 'INSERT INTO notes VALUES (100, $1)', ['extra']);
      await assert.rejects(restore({ ...options(), name: 'before' }), hasCode('confirmation-required'));
      assert.equal(await count(), 4);
    });

    test('the confirm callback sees the plan; answering no aborts with nothing changed', async () => {
      let seen: DestructionPlan | null = null;
      const confirm = async (plan: DestructionPlan) => ((seen = plan), false);
      await assert.rejects(restore({ ...options(), name: 'before', confirm }), hasCode('aborted'));
      assert.equal(await count(), 4);
      const plan = seen as DestructionPlan | null;
      assert.equal(plan?.action, 'restore');
      assert.deepEqual(plan?.tables, [{ schema: 'public', table: 'notes', rows: 4 }]);
      assert.match(plan?.effect ?? '', /replaced by snapshot before/);
    });

    test('NODE_ENV=production refuses restore and snapshot, even with --yes', async () => {
      const env = { ...apiEnv(db), NODE_ENV: 'production' };
      await assert.rejects(restore({ cwd: ROOT, env, name: 'before', yes: true }), hasCode('production-guard'));
      await assert.rejects(snapshot({ cwd: ROOT, env, name: 'prod' }), hasCode('production-guard'));
      assert.equal(await count(), 4);
    });

    test('a snapshot ends other sessions on the database so it can be copied', async () => {
      const client = new Client({ connectionString: db.url });
      client.on('error', () => undefined);
      await client.connect();
      await client.query('SELECT 1');
      try {
        const taken = await snapshot({ ...options(), name: 'busy' });
        assert.ok(taken.terminatedSessions >= 1);
        await assert.rejects(client.query('SELECT 1'));
      } finally {
        await client.end().catch(() => undefined);
      }
    });

    test('names are validated, unique per database, and missing ones list the valid names', async () => {
      await assert.rejects(snapshot({ ...options(), name: 'x; DROP DATABASE postgres' }), hasCode('usage'));
      await assert.rejects(snapshot({ ...options(), name: 'before' }), hasCode('snapshot-exists'));
      await assert.rejects(restore({ ...options(), name: 'nope', yes: true }), (e: unknown) => hasCode('name-not-found')(e) && /before/.test((e as DbManageError).hint ?? ''));
      // Same name on another database: no collision, and neither sees the other's.
      await snapshot({ cwd: ROOT, env: apiEnv(other), name: 'before' });
      const mine = (await snapshots(options())).snapshots.filter((s) => s.name === 'before');
      const theirs = (await snapshots({ cwd: ROOT, env: apiEnv(other) })).snapshots.map((s) => s.name);
      assert.equal(mine.length, 1);
      assert.deepEqual(theirs, ['before']);
    });

    test('automatic snapshots are pruned to the newest five; manual ones stay', async () => {
      for (let i = 0; i < 6; i++) await snapshot({ ...options(), name: `auto-old-${i}` });
      const report = await restore({ ...options(), name: 'before', yes: true });
      const autos = (await snapshots(options())).snapshots.filter((s) => s.auto).map((s) => s.name);
      assert.equal(autos.length, 5, autos.join(', '));
      assert.ok(autos.includes(report.autoSnapshot!.name));
      assert.ok(report.autoSnapshot!.pruned.length >= 2);
      const names = (await snapshots(options())).snapshots.map((s) => s.name);
      assert.ok(names.includes('before') && names.includes('busy'));
    });

    test('a copy left by a killed restore is cleared by the next restore; no transient database remains', async () => {
      const transients = async () =>
        adminQuery<{ datname: string }>(target.adminUrl, `SELECT datname FROM pg_database WHERE starts_with(datname, left($1, 30) || '__dbm_')`, [db.name]);
      // What a restore killed between its copy and its swap leaves: an incoming copy with the target's prefix.
      const stale = (await import('../../src/engine/snapshot/swap-database')).transientName(db.name, 'in');
      await adminQuery(target.adminUrl, `CREATE DATABASE "${stale}"`);
      await restore({ ...options(), name: 'before', yes: true, snapshot: false });
      assert.deepEqual(await transients(), []);
      assert.equal(await count(), 3);
    });

    test('restoring the oldest automatic snapshot never prunes it first', async () => {
      const autos = (await snapshots(options())).snapshots.filter((s) => s.auto);
      const oldest = autos[autos.length - 1];
      const report = await restore({ ...options(), name: oldest.name, yes: true });
      assert.equal(report.restored.name, oldest.name);
    });
  });
}
