import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { embeddedSettings } from '../../src/engine/config/embedded-settings';
import { DbManageError } from '../../src/engine/errors/db-manage-error';
import { ensureEmbeddedServer, stopEmbeddedServer } from '../../src/engine/server/embedded-server';
import { serverRunner } from '../../src/engine/server/server-runner';
import { freePort } from '../support/free-port';

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const namespaces = asRoot && serverRunner(undefined).kind === 'namespace';

/** Every folder from `top` down to `leaf`, with its mode and owner. */
function modes(top: string, leaf: string): string[] {
  const out: string[] = [];
  for (let d = leaf; d.startsWith(top); d = join(d, '..')) {
    const st = statSync(d);
    out.push(`${d} ${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}`);
  }
  return out;
}

async function settingsIn(project: string, runAs?: string) {
  return embeddedSettings(project, { DB_MANAGE_PG_PORT: String(await freePort()), ...(runAs ? { DB_MANAGE_PG_RUN_AS: runAs } : {}) });
}

test('as root under a 0700 folder, the server runs in a user namespace: no folder above its own changes mode or owner (H11)', { skip: !namespaces && 'needs root and user namespaces' }, async () => {
  const top = mkdtempSync(join(tmpdir(), 'dbm-runner-'));
  const project = join(top, 'home', 'app');
  mkdirSync(project, { recursive: true });
  chmodSync(top, 0o700);
  chmodSync(join(top, 'home'), 0o700);
  const before = modes(top, project);
  const settings = await settingsIn(project);
  try {
    const ensured = await ensureEmbeddedServer(settings);
    assert.equal(ensured.action, 'initialised');
    assert.deepEqual(modes(top, project), before, 'a folder above the project changed');
    assert.equal(statSync(settings.dataDir).uid, 0, 'the data stays root\'s: nothing is handed to another account');
    assert.equal(statSync(settings.dataDir).mode & 0o777, 0o700);
    assert.equal(await stopEmbeddedServer(settings), true);
    assert.equal((await ensureEmbeddedServer(settings)).action, 'started');
  } finally {
    await stopEmbeddedServer(settings).catch(() => undefined);
    rmSync(top, { recursive: true, force: true });
  }
});

test('as root with the account runner, a folder the account cannot pass is named in one line and nothing is created or opened (H11)', { skip: !asRoot && 'needs root' }, async () => {
  const top = mkdtempSync(join(tmpdir(), 'dbm-runner-'));
  const closed = join(top, 'closed');
  const project = join(closed, 'inner', 'app');
  mkdirSync(project, { recursive: true });
  chmodSync(top, 0o755);
  chmodSync(closed, 0o750);
  const before = modes(top, project);
  const settings = await settingsIn(project, 'account');
  try {
    await assert.rejects(ensureEmbeddedServer(settings), (err: unknown) => {
      assert.ok(err instanceof DbManageError);
      assert.equal(err.code, 'server-failed');
      assert.match(err.message, new RegExp(`cannot pass through ${closed}$`));
      assert.match(err.hint ?? '', /chmod o\+x/);
      return true;
    });
    assert.deepEqual(modes(top, project), before);
    assert.equal(existsSync(settings.baseDir), false, 'the server folder was created although the server cannot reach it');
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});

test('as root, a cluster made by the account is taken over by the namespace runner, and back (H11)', { skip: !namespaces && 'needs root and user namespaces' }, async () => {
  const top = mkdtempSync(join(tmpdir(), 'dbm-runner-'));
  chmodSync(top, 0o755);
  const project = join(top, 'app');
  mkdirSync(project);
  const byAccount = await settingsIn(project, 'account');
  const byNamespace = { ...byAccount, runAs: 'namespace' };
  try {
    assert.equal((await ensureEmbeddedServer(byAccount)).action, 'initialised');
    assert.notEqual(statSync(byAccount.dataDir).uid, 0);
    assert.equal(await stopEmbeddedServer(byAccount), true);
    assert.equal((await ensureEmbeddedServer(byNamespace)).action, 'started');
    assert.equal(statSync(byAccount.dataDir).uid, 0);
    assert.equal(await stopEmbeddedServer(byNamespace), true);
    assert.equal((await ensureEmbeddedServer(byAccount)).action, 'started');
    assert.equal(await stopEmbeddedServer(byAccount), true);
  } finally {
    await stopEmbeddedServer(byAccount).catch(() => undefined);
    rmSync(top, { recursive: true, force: true });
  }
});

test('DB_MANAGE_PG_RUN_AS takes namespace or account, and anything else is one config-invalid line', { skip: !asRoot && 'needs root' }, () => {
  assert.throws(() => serverRunner('nobody'), (err: unknown) => err instanceof DbManageError && err.code === 'config-invalid' && /namespace or account/.test(err.hint ?? ''));
  assert.equal(serverRunner('account').kind, 'account');
});
