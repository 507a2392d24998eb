import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { downgrade, isDbManageError, upgrade } from '../../../src/api';
import { FIXTURES } from '../../support/fixture-project';
import { ROOT } from '../../support/run-cli';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../../support/test-cluster';

const cwd = join(FIXTURES, 'runner', 'basic');
const M2 = 'AddItemPrice1700000000002';
const M3 = 'CreateTags1700000000003';

/** An application's write, finished before the call returns: the progress callback is synchronous. */
function insertNow(url: string, sql: string): void {
  const script = `const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1] });
    c.connect().then(() => c.query(process.argv[2])).then(() => c.end()).catch((e) => { console.error(e.message); process.exit(1); });`;
  const run = spawnSync(process.execPath, ['-e', script, url, sql], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
}

for (const target of testTargets()) {
  describe(`downgrade counts again inside each step's transaction (${target.name})`, () => {
    const dbs: ScratchDatabase[] = [];
    after(() => Promise.all(dbs.map((d) => d.drop())));

    test('rows written after the count and before the drop: the step is refused, nothing of it reverted, the rows kept', async () => {
      const db = await createScratchDatabase(target, 'downgrade_recheck');
      dbs.push(db);
      const options = { cwd, datasource: 'data-source.ts', env: apiEnv(db) };
      await upgrade(options);
      // tags is empty when downgrade counts, so it asks nobody; a row lands just before CreateTags is reverted.
      const refused = await downgrade({
        ...options,
        target: M2,
        onProgress: (e) => {
          if (e.kind === 'step' && e.phase === 'start' && e.label === `revert ${M3}`) insertNow(db.url, `INSERT INTO tags (label) VALUES ('written meanwhile')`);
        },
      }).then(
        () => null,
        (err: unknown) => err,
      );
      assert.ok(isDbManageError(refused), String(refused));
      assert.equal(refused.code, 'confirmation-required');
      assert.match(refused.message, /reverting CreateTags1700000000003 now drops data written since downgrade counted: table public\.tags \(1 row\)/);
      assert.match(refused.hint ?? '', /Nothing of CreateTags1700000000003 was reverted; the database stays at CreateTags1700000000003/);
      assert.deepEqual(await adminQuery(db.url, 'SELECT label FROM tags'), [{ label: 'written meanwhile' }]);
      const applied = (await adminQuery<{ name: string }>(db.url, 'SELECT "name" FROM "migrations" ORDER BY "id"')).map((r) => r.name);
      assert.equal(applied.at(-1), M3);
    });

    test('nothing written meanwhile: the same downgrade runs without asking', async () => {
      const db = await createScratchDatabase(target, 'downgrade_recheck_ok');
      dbs.push(db);
      const options = { cwd, datasource: 'data-source.ts', env: apiEnv(db) };
      await upgrade(options);
      const report = await downgrade({ ...options, target: M2 });
      assert.equal(report.to?.name, M2);
    });
  });
}
