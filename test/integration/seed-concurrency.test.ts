import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Client } from 'pg';
import { seedDatabase, type ProgressEvent } from '../../src/api';
import { migrationLockKey } from '../../src/engine/runner/migration-lock';
import { DEVLOOP, migrateToHead, rowCounts } from '../support/devloop-project';
import { apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

for (const target of testTargets()) {
  describe(`seeds at once (${target.name})`, () => {
    const dbs: ScratchDatabase[] = [];
    after(() => Promise.all(dbs.map((d) => d.drop())));

    async function fresh(): Promise<ScratchDatabase> {
      const db = await createScratchDatabase(target, 'seed_conc');
      dbs.push(db);
      await migrateToHead(db);
      return db;
    }

    test('several whole seeds started together add every row once (H21)', async () => {
      const reference = await fresh();
      await seedDatabase({ cwd: DEVLOOP, env: apiEnv(reference) });
      const db = await fresh();
      const reports = await Promise.all([1, 2, 3].map(() => seedDatabase({ cwd: DEVLOOP, env: apiEnv(db) })));
      assert.deepEqual(await rowCounts(db), await rowCounts(reference));
      const created = reports.map((r) => r.created).sort((a, b) => b - a);
      assert.ok(created[0] > 0 && created.slice(1).every((n) => n === 0), `created per run: ${created.join(', ')}`);
    });

    test('a seed waits for a running migration rather than seeding a half-built schema', async () => {
      const db = await fresh();
      const holder = new Client({ connectionString: db.url });
      await holder.connect();
      try {
        await holder.query('SELECT pg_advisory_lock($1, $2)', [...migrationLockKey('"public"."migrations"')]);
        const notices: string[] = [];
        const run = seedDatabase({ cwd: DEVLOOP, env: apiEnv(db), only: ['users'], onProgress: (e: ProgressEvent) => (e.kind === 'notice' ? notices.push(e.message) : undefined) });
        for (let i = 0; i < 200 && notices.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
        assert.match(notices.join('\n'), /waiting for another db-manage run/);
        assert.equal((await rowCounts(db)).users, 0, 'the seed ran while the lock was held');
        await holder.query('SELECT pg_advisory_unlock_all()');
        assert.equal((await run).created > 0, true);
      } finally {
        await holder.end();
      }
    });
  });
}
