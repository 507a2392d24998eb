import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readPostmaster, removeStalePidFile } from '../../../src/engine/server/postmaster-pid';
import { seededRandom } from '../../support/fault-trials';
import { scratchDir } from '../../support/scratch-dir';

const children: ChildProcess[] = [];
after(() => children.forEach((c) => c.kill('SIGKILL')));

/** A live process whose command line says "postgres", working in `cwd`: a look-alike or, in `cwd`, a stand-in for ours. */
async function lookalike(cwd: string, argv0: string): Promise<number> {
  const child = spawn('sleep', ['60'], { cwd, argv0, stdio: 'ignore' });
  children.push(child);
  await new Promise((r) => child.once('spawn', r));
  return child.pid as number;
}

function dataDir(): string {
  const dir = join(scratchDir('dbm-pid-'), 'data');
  mkdirSync(dir);
  return dir;
}

test('no pid file means not running and not stale', () => {
  assert.deepEqual(readPostmaster(dataDir()), { running: false, stale: false });
});

test('a pid file whose process is gone is stale, and removable', () => {
  const dir = dataDir();
  writeFileSync(join(dir, 'postmaster.pid'), '999999\n/data\n');
  const state = readPostmaster(dir);
  assert.equal(state.running, false);
  assert.equal(state.stale, true);
  assert.equal(removeStalePidFile(dir), true);
  assert.equal(existsSync(join(dir, 'postmaster.pid')), false);
});

test('a pid file naming a live process that is not postgres is stale (pid reuse)', () => {
  const dir = dataDir();
  writeFileSync(join(dir, 'postmaster.pid'), `${process.pid}\n`);
  assert.equal(readPostmaster(dir).stale, true);
});

test('a live process with "postgres" in its command line is not ours unless it works in our data folder (H12)', async () => {
  const dir = dataDir();
  const elsewhere = scratchDir('dbm-other-');
  // Another cluster's postmaster, as ps shows it: binary path and -D of its own folder.
  const pid = await lookalike(elsewhere, `/usr/lib/postgresql/16/bin/postgres -D ${elsewhere}`);
  writeFileSync(join(dir, 'postmaster.pid'), `${pid}\n${dir}\n1700000000\n5433\n\n127.0.0.1\n  1234  5678\nready   \n`);
  const state = readPostmaster(dir);
  assert.equal(state.running, false);
  assert.equal(state.stale, true);
  assert.equal(removeStalePidFile(dir), true);
});

test('the pid file of a server that works in the folder is never stale, however damaged (H15)', async () => {
  const random = seededRandom(4242);
  const dir = dataDir();
  const pid = await lookalike(dir, `postgres -D ${dir}`);
  const good = `${pid}\n${dir}\n1700000000\n54320\n\n127.0.0.1\n  1234  5678\nready   \n`;
  const damages: ((t: string) => string)[] = [
    () => '',
    (t) => t.slice(0, 1 + Math.floor(random() * (String(pid).length - 1))),
    (t) => `x${t}`,
    (t) => t.replace(String(pid), String(pid + 1 + Math.floor(random() * 50))),
    (t) => Buffer.from(t).map((b) => (random() < 0.3 ? 0x20 + Math.floor(random() * 90) : b)).toString(),
  ];
  for (const damage of damages) {
    writeFileSync(join(dir, 'postmaster.pid'), damage(good));
    const state = readPostmaster(dir);
    assert.equal(state.running, true, `damaged to ${JSON.stringify(readFileSync(join(dir, 'postmaster.pid'), 'utf8'))}`);
    assert.equal(state.stale, false);
    assert.equal(state.pid, pid);
    assert.equal(removeStalePidFile(dir), false);
    assert.equal(existsSync(join(dir, 'postmaster.pid')), true);
  }
  writeFileSync(join(dir, 'postmaster.pid'), good);
  assert.deepEqual(readPostmaster(dir), { running: true, pid, status: 'ready', stale: false });
});
