import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { BIN, ROOT, runCli, type CliOptions, type CliResult } from './run-cli';
import { reportFigure } from './fault-trials';
import { TEST_CLUSTER_ENV, testTargets, type ScratchDatabase, type TestTarget } from './test-cluster';

/**
 * The external test server trusts every login, so its URL gets a password that exists only
 * to be looked for: the secrets check greps every output of the suite for it, and for the
 * embedded cluster's own (scram) password.
 */
export const EXTERNAL_FAULT_PASSWORD = 'Fault-Pw-7q2ZkX9v';

function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}

/** The test targets, every URL carrying a distinctive password. */
export function faultTargets(): TestTarget[] {
  return testTargets().map((t) => (t.name === 'external' ? { ...t, adminUrl: withPassword(t.adminUrl, EXTERNAL_FAULT_PASSWORD) } : t));
}

/** The passwords that must never appear in any output. */
export function faultSecrets(): string[] {
  const embedded = decodeURIComponent(new URL(String(process.env[TEST_CLUSTER_ENV.url])).password);
  const out = [embedded, EXTERNAL_FAULT_PASSWORD];
  assert.ok(embedded.length >= 16, 'the embedded test cluster has a password');
  return out;
}

/** The CLI pointed at a scratch database through DATABASE_URL, password included. */
export function urlEnv(db: ScratchDatabase): Record<string, string | undefined> {
  return { DATABASE_URL: db.url };
}

interface Captured {
  readonly label: string;
  readonly text: string;
}

const captured: Captured[] = [];

/** Keeps an output for the secrets check at the end of the file. */
export function capture(label: string, text: string): void {
  captured.push({ label, text });
}

/** runCli, with everything it printed kept for the secrets check. */
export async function runFaultCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const result = await runCli(args, options);
  capture(args.join(' '), `${result.stdout}\n${result.stderr}`);
  return result;
}

/** runCli with stdout sent to a file, as `db-manage … > file` does; what reached the file is returned as stdout. */
export function runFaultCliToFile(args: readonly string[], file: string, options: CliOptions = {}): Promise<CliResult> {
  const fd = openSync(file, 'w');
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: cliEnv(options), stdio: ['ignore', fd, 'pipe'] });
  closeSync(fd);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      let stdout = '';
      try {
        stdout = readFileSync(file, 'utf8');
      } catch {
        // nothing reached the file
      }
      capture(`${args.join(' ')} > ${file}`, `${stdout}\n${stderr}`);
      done({ code: code ?? 1, stdout, stderr });
    });
  });
}

function cliEnv(options: CliOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** A CLI process the test may kill; its output is captured whenever it ends. */
export interface SpawnedCli {
  readonly child: ChildProcess;
  /** Everything printed so far. */
  stdout(): string;
  readonly closed: Promise<CliResult>;
}

export function spawnFaultCli(args: readonly string[], options: CliOptions = {}): SpawnedCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: cliEnv(options), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const closed = new Promise<CliResult>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => {
      capture(args.join(' '), `${out}\n${err}`);
      done({ code: code ?? (signal === 'SIGKILL' ? 137 : 1), stdout: out, stderr: err });
    });
  });
  return { child, stdout: () => out, closed };
}

/**
 * Every 8-character piece of a secret, plain, URL-encoded or JSON-escaped, and the secret in
 * base64: a password cut at an '@' must not leak its tail either.
 */
function pieces(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
  if (secret.length >= 6) forms.push(Buffer.from(secret).toString('base64'));
  const out = new Set<string>(forms);
  for (const form of forms) for (let i = 0; i + 8 <= form.length; i++) out.add(form.slice(i, i + 8));
  return [...out];
}

/** Asserts that no captured output shows a password, whole or in part; call it once, after the file's tests. */
export function assertNoSecretsLeaked(check: string, extra: readonly string[] = []): void {
  const needles = [...faultSecrets(), ...extra].flatMap(pieces);
  const leaks = captured.filter((c) => needles.some((n) => c.text.includes(n)));
  const bytes = captured.reduce((n, c) => n + c.text.length, 0);
  reportFigure(`secrets in ${check}`, { outputs: captured.length, bytes, leaks: leaks.length });
  assert.deepEqual(
    leaks.map((l) => `${l.label}: ${l.text}`),
    [],
    'a password appeared in the output of these commands',
  );
}
