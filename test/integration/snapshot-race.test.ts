import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { isDbManageError, snapshot, snapshots } from '../../src/api';
import { seededRandom } from '../support/fault-trials';
import { ROOT } from '../support/run-cli';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

for (const target of testTargets()) {
  describe(`snapshots of one name at once (${target.name})`, () => {
    let db: ScratchDatabase;
    after(() => dropWithSnapshots(db));

    test('exactly one wins; every other gets "already exists", never a raw catalog error (H19)', async () => {
      db = await createScratchDatabase(target, 'snap_race');
      await adminQuery(db.url, 'CREATE TABLE t AS SELECT g FROM generate_series(1, 1000) g');
      const random = seededRandom(target.name.length * 97);
      for (let round = 0; round < 3; round++) {
        const name = `race-${round}-${Math.floor(random() * 1e6).toString(36)}`;
        const results = await Promise.allSettled([1, 2, 3, 4].map(() => snapshot({ cwd: ROOT, env: apiEnv(db), name })));
        const won = results.filter((r) => r.status === 'fulfilled');
        assert.equal(won.length, 1, `round ${round}: ${won.length} won`);
        for (const r of results) {
          if (r.status === 'fulfilled') continue;
          assert.ok(isDbManageError(r.reason), String(r.reason));
          assert.equal(r.reason.code, 'snapshot-exists', r.reason.oneLine);
          assert.equal(r.reason.message, `snapshot "${name}" already exists for database ${db.name}`);
        }
      }
      const listed = (await snapshots({ cwd: ROOT, env: apiEnv(db) })).snapshots.map((s) => s.name);
      assert.equal(listed.length, 3);
    });
  });
}
