import { spawn, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DbManageError } from '../errors/db-manage-error';
import { embeddedUrl, type EmbeddedSettings } from '../config/embedded-settings';
import { withFileLock } from './file-lock';
import { postgresBinaries } from './postgres-binaries';
import { readPostmaster, removeStalePidFile } from './postmaster-pid';
import { ensureReachable, chownRecursive, serverIdentity, type ProcessIdentity } from './server-account';

export interface EmbeddedServerStatus {
  readonly running: boolean;
  readonly pid?: number;
  readonly initialised: boolean;
  readonly port: number;
  readonly dataDir: string;
}

export interface EnsureResult {
  readonly url: string;
  /** What this call had to do: nothing, start a stopped server, or create the cluster. */
  readonly action: 'none' | 'started' | 'initialised';
  readonly recoveredStalePid: boolean;
}

interface RunResult {
  readonly code: number | null;
  readonly output: string;
}

function run(cmd: string, args: readonly string[], identity: ProcessIdentity | null, extra: SpawnOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      ...extra,
      ...(identity ? { uid: identity.uid, gid: identity.gid } : {}),
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

export function embeddedServerStatus(settings: EmbeddedSettings): EmbeddedServerStatus {
  const state = readPostmaster(settings.dataDir);
  return {
    running: state.running,
    pid: state.running ? state.pid : undefined,
    initialised: existsSync(join(settings.dataDir, 'PG_VERSION')),
    port: settings.port,
    dataDir: settings.dataDir,
  };
}

async function initialise(settings: EmbeddedSettings, identity: ProcessIdentity | null): Promise<void> {
  const { initdb } = postgresBinaries();
  mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(settings.baseDir, 'initdb-password');
  writeFileSync(pwfile, password, { mode: 0o600 });
  if (identity) {
    chownRecursive(settings.baseDir, identity);
    ensureReachable(identity, settings.dataDir);
  }
  const result = await run(
    initdb,
    ['-D', settings.dataDir, '-U', settings.user, '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-locale', '--no-sync'],
    identity,
  );
  if (result.code !== 0) {
    throw new DbManageError('server-failed', `initdb failed: ${lastLine(result.output)}`, {
      hint: `Remove ${settings.baseDir} and try again`,
    });
  }
  // The password is the cluster's: keep it beside the data, readable only by us.
  writeFileSync(settings.passwordFile, password, { mode: 0o600 });
  writeFileSync(pwfile, '');
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? 'no output';
}

async function start(settings: EmbeddedSettings, identity: ProcessIdentity | null): Promise<void> {
  const { pgCtl } = postgresBinaries();
  const options = [
    `-p ${settings.port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    '-c fsync=on',
    '-c max_connections=200',
  ].join(' ');
  // A server killed with -9 leaves backends that exit a moment later; retry briefly.
  let last: RunResult = { code: null, output: '' };
  for (let attempt = 0; attempt < 5; attempt++) {
    last = await run(pgCtl, ['start', '-D', settings.dataDir, '-l', settings.logFile, '-w', '-t', '60', '-o', options], identity);
    if (last.code === 0) return;
    await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
    const state = readPostmaster(settings.dataDir);
    if (state.running) return;
    if (state.stale) removeStalePidFile(settings.dataDir);
  }
  let log = '';
  try {
    log = lastLine(readFileSync(settings.logFile, 'utf8'));
  } catch {
    log = lastLine(last.output);
  }
  const portHint = /could not bind|Address already in use/i.test(log)
    ? `Port ${settings.port} is taken; set DB_MANAGE_PG_PORT to another port`
    : `See ${settings.logFile}`;
  throw new DbManageError('server-failed', `the embedded PostgreSQL did not start: ${log}`, { hint: portHint });
}

async function waitUntilReady(settings: EmbeddedSettings, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = readPostmaster(settings.dataDir);
    if (!state.running) return false;
    if (state.status === 'ready') return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Makes sure the embedded server runs and returns its URL. The server is left running
 * (detached) so the next command and the application connect at once.
 */
export async function ensureEmbeddedServer(settings: EmbeddedSettings): Promise<EnsureResult> {
  const fast = readPostmaster(settings.dataDir);
  const password = () => readFileSync(settings.passwordFile, 'utf8').trim();
  if (fast.running && existsSync(settings.passwordFile)) {
    // A server still in crash recovery (its starter was killed) refuses connections: wait.
    if (fast.status === 'ready' || (await waitUntilReady(settings))) {
      return { url: embeddedUrl(settings, password()), action: 'none', recoveredStalePid: false };
    }
    if (readPostmaster(settings.dataDir).running) {
      throw new DbManageError('server-failed', 'the embedded PostgreSQL did not become ready within 60 s', { hint: `See ${settings.logFile}` });
    }
  }
  mkdirSync(settings.baseDir, { recursive: true });
  return withFileLock(join(settings.baseDir, '.start.lock'), async () => {
    const identity = serverIdentity();
    let action: EnsureResult['action'] = 'none';
    if (!existsSync(join(settings.dataDir, 'PG_VERSION')) || !existsSync(settings.passwordFile)) {
      await initialise(settings, identity);
      action = 'initialised';
    }
    const state = readPostmaster(settings.dataDir);
    let recoveredStalePid = false;
    if (state.stale) {
      removeStalePidFile(settings.dataDir);
      recoveredStalePid = true;
    }
    if (!state.running) {
      if (identity) {
        chownRecursive(settings.baseDir, identity);
        ensureReachable(identity, settings.dataDir);
      }
      await start(settings, identity);
      if (action === 'none') action = 'started';
    }
    return { url: embeddedUrl(settings, password()), action, recoveredStalePid };
  });
}

/** Stops the embedded server if it runs. Returns whether it was running. */
export async function stopEmbeddedServer(settings: EmbeddedSettings): Promise<boolean> {
  const state = readPostmaster(settings.dataDir);
  if (state.stale) removeStalePidFile(settings.dataDir);
  if (!state.running) return false;
  const { pgCtl } = postgresBinaries();
  const result = await run(pgCtl, ['stop', '-D', settings.dataDir, '-m', 'fast', '-w', '-t', '60'], serverIdentity());
  if (result.code !== 0 && readPostmaster(settings.dataDir).running) {
    throw new DbManageError('server-failed', `pg_ctl stop failed: ${lastLine(result.output)}`, { hint: `See ${settings.logFile}` });
  }
  return true;
}
