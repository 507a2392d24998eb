import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readPostmaster, removeStalePidFile } from '../../../src/engine/server/postmaster-pid';

test('no pid file means not running and not stale', () => {
  assert.deepEqual(readPostmaster(mkdtempSync(join(tmpdir(), 'dbm-pid-'))), { running: false, stale: false });
});

test('a pid file whose process is gone is stale, and removable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbm-pid-'));
  writeFileSync(join(dir, 'postmaster.pid'), '999999\n/data\n');
  const state = readPostmaster(dir);
  assert.equal(state.running, false);
  assert.equal(state.stale, true);
  removeStalePidFile(dir);
  assert.equal(existsSync(join(dir, 'postmaster.pid')), false);
});

test('a pid file naming a live process that is not postgres is stale (pid reuse)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbm-pid-'));
  writeFileSync(join(dir, 'postmaster.pid'), `${process.pid}\n`);
  assert.equal(readPostmaster(dir).stale, true);
});
