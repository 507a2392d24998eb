import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { isDbManageError, serverState, startServer, status, stopServer } from '../../src/api';
import { freePort } from '../support/free-port';
import { BIN, ROOT } from '../support/run-cli';

const isRoot = process.getuid?.() === 0;

async function rejection(p: Promise<unknown>): Promise<{ code: string; line: string }> {
  try {
    await p;
  } catch (err) {
    assert.ok(isDbManageError(err), `a typed error, not ${String(err)}`);
    return { code: err.code, line: err.oneLine };
  }
  assert.fail('expected the call to fail');
}

/** Hostile surroundings of the embedded server: a cluster of its own, taken ports, foreign pid files and folders. */
describe('the embedded server among things that are not its own', async () => {
  const base = mkdtempSync(join(tmpdir(), 'dbm-hostile-'));
  const env = { DB_MANAGE_PG_DIR: join(base, 'pg'), DB_MANAGE_PG_PORT: String(await freePort()), PATH: process.env.PATH };
  const opts = { cwd: ROOT, env };
  const pidFile = join(base, 'pg', 'data', 'postmaster.pid');
  const children: ChildProcess[] = [];
  const listeners: Server[] = [];
  after(async () => {
    children.forEach((c) => c.kill('SIGKILL'));
    listeners.forEach((l) => l.close());
    await stopServer(opts).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  });

  test('a taken port is named at once, with a free one to use instead (H18)', async () => {
    const port = await freePort();
    // Taken on every address, as a second checkout's server or another program would take it.
    const squatter = createServer().listen(port, '0.0.0.0');
    listeners.push(squatter);
    await new Promise((r) => squatter.once('listening', r));
    const started = Date.now();
    const failure = await rejection(startServer({ cwd: ROOT, env: { ...env, DB_MANAGE_PG_PORT: String(port) } }));
    assert.equal(failure.code, 'server-failed');
    assert.match(failure.line, new RegExp(`port ${port} .*already in use`));
    assert.match(failure.line, /DB_MANAGE_PG_PORT/);
    assert.match(failure.line, /\(\d+ is free\)/);
    assert.ok(Date.now() - started < 5_000, `answered in ${Date.now() - started} ms`);
    squatter.close();
  });

  test('starts on its own port when that is free', async () => {
    assert.equal((await startServer(opts)).running, true);
    assert.ok(existsSync(join(base, 'pg', '.db-manage-server')), 'the folder is marked as db-manage’s');
  });

  test('a damaged pid file of the running server is kept, and the server is used and stopped (H15)', async () => {
    const original = readFileSync(pidFile, 'utf8');
    const realPid = Number(original.split('\n')[0]);
    // PostgreSQL re-reads its pid file once a minute and shuts down if it changed: restore it quickly.
    try {
      writeFileSync(pidFile, `${original.split('\n')[0]}0\n`);
      assert.equal(serverState(opts).running, true);
      const st = await status(opts);
      assert.match(st.connection.serverVersion, /^17\./);
      assert.ok(existsSync(pidFile), 'the pid file of a running server was removed');
    } finally {
      writeFileSync(pidFile, original);
    }
    // Stop, with the damaged file in place, must find the real postmaster rather than the file's pid.
    writeFileSync(pidFile, 'garbage\n');
    assert.equal((await stopServer(opts)).changed, true);
    assert.throws(() => process.kill(realPid, 0), 'the postmaster is gone');
    rmSync(pidFile, { force: true });
  });

  test('a pid file naming an unrelated live "postgres" process neither blocks start nor gets that process killed (H12)', async () => {
    const foreignDir = mkdtempSync(join(tmpdir(), 'dbm-foreign-'));
    const foreign = spawn('sleep', ['120'], { cwd: foreignDir, argv0: `postgres: checkpointer`, stdio: 'ignore' });
    children.push(foreign);
    await new Promise((r) => foreign.once('spawn', r));
    writeFileSync(pidFile, `${foreign.pid}\n${join(base, 'pg', 'data')}\n1700000000\n${env.DB_MANAGE_PG_PORT}\n\n127.0.0.1\n  1  2\nready   \n`);
    if (isRoot) spawnSync('chown', [`${statSync(join(base, 'pg', 'data')).uid}`, pidFile]);
    assert.equal(serverState(opts).running, false);
    assert.equal((await stopServer(opts)).changed, false);
    assert.doesNotThrow(() => process.kill(foreign.pid as number, 0), 'stop killed an unrelated process');
    const st = await status(opts);
    assert.match(st.connection.serverVersion, /^17\./);
    assert.doesNotThrow(() => process.kill(foreign.pid as number, 0), 'start killed an unrelated process');
    assert.equal((await stopServer(opts)).changed, true);
    assert.doesNotThrow(() => process.kill(foreign.pid as number, 0), 'stop killed an unrelated process');
    rmSync(foreignDir, { recursive: true, force: true });
  });

  test('a folder with things of its own is refused and nothing in it changes (H11)', async () => {
    const folder = join(base, 'someones-folder');
    mkdirSync(join(folder, 'notes'), { recursive: true, mode: 0o700 });
    writeFileSync(join(folder, 'notes', 'todo.txt'), 'mine\n', { mode: 0o600 });
    const before = [folder, join(folder, 'notes'), join(folder, 'notes', 'todo.txt')].map((p) => ({ p, ...pick(statSync(p)) }));
    const failure = await rejection(startServer({ cwd: ROOT, env: { ...env, DB_MANAGE_PG_DIR: folder, DB_MANAGE_PG_PORT: String(await freePort()) } }));
    assert.equal(failure.code, 'server-failed');
    assert.match(failure.line, /not empty and was not created by db-manage/);
    const afterwards = before.map(({ p }) => ({ p, ...pick(statSync(p)) }));
    assert.deepEqual(afterwards, before);
    assert.equal(existsSync(join(folder, '.db-manage-server')), false);
    assert.equal(existsSync(join(folder, 'data')), false);
  });

  test('a server folder that belongs to another account gives one line, not an internal error (H16)', { skip: !isRoot && 'needs root to act as another user' }, async () => {
    await startServer(opts);
    // The cluster belongs to the server account; "nobody" is a normal user with no rights on it.
    chmodSync(join(base, 'pg'), 0o700);
    chmodSync(base, 0o755);
    const result = spawnSync(process.execPath, [BIN, 'start'], {
      cwd: base,
      env: { ...env, HOME: '/nonexistent', NO_COLOR: '1', DB_MANAGE_PG_DATABASE: 'postgres' },
      uid: 65534,
      gid: 65534,
      encoding: 'utf8',
    });
    assert.equal(result.status, 5, result.stderr);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /embedded server's folder .*permission denied/);
    assert.doesNotMatch(result.stderr, /internal error/);
  });
});

function pick(st: { uid: number; gid: number; mode: number }) {
  return { uid: st.uid, gid: st.gid, mode: st.mode };
}
