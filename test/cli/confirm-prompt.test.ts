import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hasScript, runInTerminal } from '../support/run-in-terminal';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { runCli } from '../support/run-cli';
import { adminQuery, createScratchDatabase, embeddedTarget, targetEnv, type ScratchDatabase } from '../support/test-cluster';

// The prompt is the same code on both servers; the embedded one is enough here.
const target = embeddedTarget();

describe('the confirmation prompt on a terminal', { skip: hasScript ? false : 'util-linux script is not installed' }, () => {
  let db: ScratchDatabase;
  const rows = async () => Number((await adminQuery<{ n: string }>(db.url, 'SELECT count(*) AS n FROM notes'))[0].n);
  const prompt = /Type yes to continue: /;

  before(async () => {
    db = await createScratchDatabase(target, 'cli_prompt');
    await adminQuery(db.url, 'CREATE TABLE notes (id int); INSERT INTO notes SELECT generate_series(1, 3)');
    const taken = await runCli(['snapshot', 'three'], { env: targetEnv(db) });
    assert.equal(taken.code, 0, taken.stderr);
    await adminQuery(db.url, 'DELETE FROM notes WHERE id = 3');
  });
  after(() => dropWithSnapshots(db));

  test('shows what will be replaced; Ctrl-C aborts with exit 9 and nothing changed', async () => {
    const r = await runInTerminal(['restore', 'three'], { env: targetEnv(db), prompt, keys: '\u0003' });
    assert.match(r.stdout, /public\.notes\s+2 rows/);
    assert.match(r.stdout, /restore aborted\. Nothing was changed/);
    assert.equal(r.code, 9);
    assert.equal(await rows(), 2);
  });

  test('any answer but yes aborts', async () => {
    const r = await runInTerminal(['restore', 'three'], { env: targetEnv(db), prompt, keys: 'y\r' });
    assert.equal(r.code, 9);
    assert.match(r.stdout, /not confirmed/);
    assert.equal(await rows(), 2);
  });

  test('typing yes restores', async () => {
    const r = await runInTerminal(['restore', 'three', '--no-snapshot'], { env: targetEnv(db), prompt, keys: 'yes\r' });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /restored from snapshot three/);
    assert.equal(await rows(), 3);
  });
});
