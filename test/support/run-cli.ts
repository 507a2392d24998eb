import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { TEST_CLUSTER_ENV } from './test-cluster';

export const ROOT = resolve(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'db-manage.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly input?: string;
  readonly timeoutMs?: number;
}

/** Runs the real bin, as a user types it, and captures everything. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((done, fail) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.DATABASE_URL;
    delete env.NODE_ENV;
    // Never the developer's own embedded server: by default the test cluster, on a
    // database no test uses, so a test that forgets its target cannot touch real data.
    if (process.env[TEST_CLUSTER_ENV.dir]) {
      env.DB_MANAGE_PG_DIR = process.env[TEST_CLUSTER_ENV.dir];
      env.DB_MANAGE_PG_PORT = process.env[TEST_CLUSTER_ENV.port];
      env.DB_MANAGE_PG_DATABASE = 'dbm_cli_default';
    }
    for (const [k, v] of Object.entries(options.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? 137, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
