import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');

/** Runs a script in a fresh node (the loader registered) and returns what it printed as JSON. */
function inFreshNode(script: string): Record<string, unknown> {
  const res = spawnSync(process.execPath, ['-r', './src/loader/register.js', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  return JSON.parse(res.stdout) as Record<string, unknown>;
}

test('loading pg through the CLI leaves no navigator behind and never loads the fetch implementation', () => {
  const seen = inFreshNode(`
    const before = typeof globalThis.navigator;
    require('./src/cli/short-process').loadPgStreamWithoutFetch();
    const after = typeof globalThis.navigator;
    const { Client } = require('pg');
    new Client({ host: '127.0.0.1', port: 1 });
    console.log(JSON.stringify({
      before, after,
      streamLoaded: Object.keys(require.cache).some((f) => f.endsWith(require('node:path').join('pg', 'lib', 'stream.js'))),
      fetchLoaded: process.moduleLoadList.some((m) => m.includes('undici')),
    }));`);
  assert.equal(seen.after, seen.before, 'navigator is as it was');
  assert.equal(seen.streamLoaded, true);
  // Node 21 on has navigator and never asked Response; Node 20 without the step would load undici.
  assert.equal(seen.fetchLoaded, false);
});

test('without the step, Node 20 loads the fetch implementation for pg (the cost the step saves)', { skip: 'navigator' in globalThis }, () => {
  const seen = inFreshNode(`require('pg'); console.log(JSON.stringify({ fetchLoaded: process.moduleLoadList.some((m) => m.includes('undici')) }));`);
  assert.equal(seen.fetchLoaded, true);
});
