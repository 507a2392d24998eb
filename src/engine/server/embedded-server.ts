import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readSync, closeSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DbManageError } from '../errors/db-manage-error';
import { embeddedUrl, type EmbeddedSettings } from '../config/embedded-settings';
import { withFileLock } from './file-lock';
import { postgresBinaries } from './postgres-binaries';
import { bindFailureIn, freePortAfter, portTaken } from './port-probe';
import { readPostmaster, removeStalePidFile } from './postmaster-pid';
import { isProcessAlive } from './process-alive';
import { assertReachable, handOver, serverCommand, serverRunner, type ServerRunner } from './server-runner';
import { assertUsable, claimServerFolder, folderError } from './server-folder';

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

function run(program: string, programArgs: readonly string[], runner: ServerRunner): Promise<RunResult> {
  const { file, args, options } = serverCommand(runner, program, programArgs);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...options,
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
  let state: ReturnType<typeof readPostmaster>;
  try {
    state = readPostmaster(settings.dataDir);
  } catch (err) {
    throw folderError(settings, err);
  }
  return {
    running: state.running,
    pid: state.running ? state.pid : undefined,
    initialised: existsSync(join(settings.dataDir, 'PG_VERSION')),
    port: settings.port,
    dataDir: settings.dataDir,
  };
}

async function initialise(settings: EmbeddedSettings, runner: ServerRunner): Promise<void> {
  const { initdb } = postgresBinaries();
  mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(settings.baseDir, 'initdb-password');
  writeFileSync(pwfile, password, { mode: 0o600 });
  handOver(runner, settings.baseDir);
  const result = await run(
    initdb,
    ['-D', settings.dataDir, '-U', settings.user, '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-locale', '--no-sync'],
    runner,
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

/** The bytes a log file holds now: a start's own lines are the ones after it. */
function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function logSince(file: string, offset: number): string {
  try {
    const fd = openSync(file, 'r');
    try {
      const size = statSync(file).size;
      const buffer = Buffer.alloc(Math.max(0, Math.min(size - offset, 256 * 1024)));
      readSync(fd, buffer, 0, buffer.length, offset);
      return buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** One line naming the taken port and a free one to use instead (H18). */
async function portTakenError(settings: EmbeddedSettings, evidence: string | null): Promise<DbManageError> {
  const free = await freePortAfter(settings.port);
  const example = free ? ` (${free} is free)` : '';
  return new DbManageError('server-failed', `port ${settings.port} on 127.0.0.1 is already in use by another program, so the embedded PostgreSQL cannot listen on it`, {
    hint: `Set DB_MANAGE_PG_PORT to another port in .env${example}, or stop the program that uses ${settings.port}`,
    details: { port: settings.port, suggestedPort: free, log: evidence },
  });
}

async function start(settings: EmbeddedSettings, runner: ServerRunner): Promise<void> {
  const { pgCtl } = postgresBinaries();
  // Checked before starting: PostgreSQL would only say so in its log, after a slow failed start.
  if (await portTaken(settings.port)) throw await portTakenError(settings, null);
  const options = [
    `-p ${settings.port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    '-c fsync=on',
    '-c max_connections=200',
  ].join(' ');
  // A server killed with -9 leaves backends that exit a moment later; retry briefly.
  let last: RunResult = { code: null, output: '' };
  let written = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const offset = logSize(settings.logFile);
    last = await run(pgCtl, ['start', '-D', settings.dataDir, '-l', settings.logFile, '-w', '-t', '60', '-o', options], runner);
    if (last.code === 0) return;
    written = `${logSince(settings.logFile, offset)}\n${last.output}`;
    // Another program took the port in the meantime: retrying cannot help.
    const bind = bindFailureIn(written);
    if (bind) throw await portTakenError(settings, bind);
    await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
    const state = readPostmaster(settings.dataDir);
    if (state.running) return;
    if (state.stale) removeStalePidFile(settings.dataDir);
  }
  const log = firstFatal(written) ?? lastLine(written);
  throw new DbManageError('server-failed', `the embedded PostgreSQL did not start: ${log}`, { hint: `See ${settings.logFile}` });
}

/** The line that says why a start failed, rather than the shutdown chatter after it. */
function firstFatal(text: string): string | null {
  const line = text.split('\n').find((l) => /\b(FATAL|PANIC|ERROR):/.test(l));
  return line ? line.trim() : null;
}

async function waitUntilReady(settings: EmbeddedSettings, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = readPostmaster(settings.dataDir);
    if (!state.running) return false;
    if (state.status === 'ready') return true;
    // A damaged pid file has no status line to wait for: a server that listens is ready.
    if (state.corrupt && (await portTaken(settings.port))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Makes sure the embedded server runs and returns its URL. The server is left running
 * (detached) so the next command and the application connect at once.
 */
export async function ensureEmbeddedServer(settings: EmbeddedSettings): Promise<EnsureResult> {
  try {
    return await ensureRunning(settings);
  } catch (err) {
    throw folderError(settings, err);
  }
}

async function ensureRunning(settings: EmbeddedSettings): Promise<EnsureResult> {
  assertUsable(settings);
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
  // Not installed is the answer whatever else is wrong (a taken port, a folder): nothing is created.
  postgresBinaries();
  const runner = serverRunner(settings.runAs);
  // Before anything is created: a folder the server cannot reach is one line now, not a failed initdb.
  assertReachable(runner, settings.baseDir);
  claimServerFolder(settings);
  return withFileLock(join(settings.baseDir, '.start.lock'), async () => {
    // Again for the folders that exist now: an earlier one may have been made 0700 by someone else.
    assertReachable(runner, settings.baseDir);
    let action: EnsureResult['action'] = 'none';
    // Before initdb too: a taken port is answered at once, not after creating a cluster.
    if (!readPostmaster(settings.dataDir).running && (await portTaken(settings.port))) throw await portTakenError(settings, null);
    if (!existsSync(join(settings.dataDir, 'PG_VERSION')) || !existsSync(settings.passwordFile)) {
      await initialise(settings, runner);
      action = 'initialised';
    }
    const state = readPostmaster(settings.dataDir);
    const recoveredStalePid = state.stale && removeStalePidFile(settings.dataDir);
    if (!state.running) {
      // Only the folder claimed above (db-manage's own, marked) is handed over.
      handOver(runner, settings.baseDir);
      await start(settings, runner);
      if (action === 'none') action = 'started';
    }
    return { url: embeddedUrl(settings, password()), action, recoveredStalePid };
  });
}

/** Fast shutdown by signal, for a server whose pid file pg_ctl cannot read. */
async function signalStop(pid: number, timeoutMs = 60_000): Promise<boolean> {
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Stops the embedded server if it runs. Returns whether it was running. */
export async function stopEmbeddedServer(settings: EmbeddedSettings): Promise<boolean> {
  try {
    assertUsable(settings);
    const state = readPostmaster(settings.dataDir);
    if (state.stale) removeStalePidFile(settings.dataDir);
    if (!state.running || state.pid === undefined) return false;
    const asRoot = process.getuid?.() === 0;
    if (state.corrupt || asRoot) {
      // pg_ctl would signal whatever pid the damaged file names; we found the real postmaster.
      // As root we signal it ourselves: that reaches a server of either runner (namespace or account).
      if (!(await signalStop(state.pid))) {
        throw new DbManageError('server-failed', `the embedded PostgreSQL (pid ${state.pid}) did not stop within 60 s`, { hint: `See ${settings.logFile}` });
      }
      return true;
    }
    const { pgCtl } = postgresBinaries();
    const result = await run(pgCtl, ['stop', '-D', settings.dataDir, '-m', 'fast', '-w', '-t', '60'], { kind: 'self' });
    if (result.code !== 0 && readPostmaster(settings.dataDir).running) {
      throw new DbManageError('server-failed', `pg_ctl stop failed: ${lastLine(result.output)}`, { hint: `See ${settings.logFile}` });
    }
    return true;
  } catch (err) {
    throw folderError(settings, err);
  }
}
