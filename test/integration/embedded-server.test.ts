import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { serverState, startServer, status, stopServer } from '../../src/api';
import { freePort } from '../support/free-port';
import { ROOT } from '../support/run-cli';

// A cluster of its own: this file stops, kills and restarts it.
describe('the embedded server lifecycle', async () => {
  const base = mkdtempSync(join(tmpdir(), 'dbm-server-'));
  const env = { DB_MANAGE_PG_DIR: join(base, 'pg'), DB_MANAGE_PG_PORT: String(await freePort()), PATH: process.env.PATH };
  const opts = { cwd: ROOT, env };
  after(async () => {
    await stopServer(opts).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  });

  test('is created on first use and, when we are root, does not run as root: in a user namespace or as an account', async () => {
    const report = await startServer(opts);
    assert.equal(report.running, true);
    assert.equal(report.changed, true);
    if (process.getuid?.() === 0) {
      const pid = Number(readFileSync(join(base, 'pg', 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
      const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
      // uid_map reads "inside outside count": outside the init namespace's identity map, the server's root is not root.
      const [inside] = readFileSync(`/proc/${pid}/uid_map`, 'utf8').trim().split(/\s+/).map(Number);
      assert.ok(uid !== 0 || inside !== 0, `the postmaster runs as root (uid ${uid}, uid_map ${inside})`);
    }
    const st = await status(opts);
    assert.equal(st.connection.kind, 'embedded');
    assert.match(st.connection.serverVersion, /^17\./);
  });

  test('stays up between commands', async () => {
    assert.equal((await startServer(opts)).changed, false);
    assert.equal(serverState(opts).running, true);
  });

  test('recovers from kill -9 of the server and its stale pid file', async () => {
    const pid = Number(readFileSync(join(base, 'pg', 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(serverState(opts).running, false);
    const st = await status(opts);
    assert.equal(st.connection.kind, 'embedded');
  });

  test('recovers from a pid file left behind with a recycled pid', async () => {
    await stopServer(opts);
    // Our own pid is alive but is not postgres: exactly the pid-reuse case.
    writeFileSync(join(base, 'pg', 'data', 'postmaster.pid'), `${process.pid}\n${join(base, 'pg', 'data')}\n`);
    // The pid file belongs to whoever owns the data, as the server's own would.
    const owner = statSync(join(base, 'pg', 'data'));
    spawnSync('chown', [`${owner.uid}:${owner.gid}`, join(base, 'pg', 'data', 'postmaster.pid')]);
    const st = await status(opts);
    assert.match(st.connection.serverVersion, /^17\./);
  });

  test('stop stops it and reports when it was not running', async () => {
    assert.equal((await stopServer(opts)).changed, true);
    assert.equal((await stopServer(opts)).changed, false);
  });
});
