import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'db-manage.js');
const hasCompileCache = typeof (require('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/** Every file under dir, recursively. */
const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);

function runBin(env: Record<string, string | undefined>): string {
  const tmp = mkdtempSync(join(tmpdir(), 'dbm-compile-cache-'));
  const res = spawnSync(process.execPath, [BIN, '--help'], { env: { ...process.env, NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined, TMPDIR: tmp, ...env }, encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  return tmp;
}

test('the CLI keeps compiled code in Node’s compile cache (Node 22.1 on)', { skip: !hasCompileCache && 'this Node has no module.enableCompileCache' }, () => {
  const tmp = runBin({});
  try {
    assert.ok(filesUnder(join(tmp, 'node-compile-cache')).length > 10, 'the modules the CLI loaded are cached');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('NODE_DISABLE_COMPILE_CACHE turns it off', { skip: !hasCompileCache && 'this Node has no module.enableCompileCache' }, () => {
  const tmp = runBin({ NODE_DISABLE_COMPILE_CACHE: '1' });
  try {
    assert.deepEqual(readdirSync(tmp), []);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('on a Node without the API the CLI runs as before', { skip: hasCompileCache && 'this Node has module.enableCompileCache' }, () => {
  const tmp = runBin({});
  try {
    assert.deepEqual(readdirSync(tmp), []);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
