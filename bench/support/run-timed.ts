import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TimedRun {
  readonly wallMs: number;
  /** Peak resident set of the child (and what it waited for), from /usr/bin/time; null without it. */
  readonly maxRssKiB: number | null;
  readonly status: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Merged over process.env; an undefined value removes the variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Every run is bounded: a child that outlives this is killed. */
  readonly timeoutMs?: number;
  /** Wrap in /usr/bin/time to read the peak RSS (costs ~1 ms of wall time). */
  readonly memory?: boolean;
  readonly input?: string;
}

const GNU_TIME = '/usr/bin/time';

export function childEnv(extra: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** The command, wrapped in /usr/bin/time when asked (and installed), and how to read its peak RSS afterwards. */
function withTime(command: string, args: readonly string[], memory: boolean): { cmd: string; argv: string[]; readRss: () => number | null } {
  if (!memory || !existsSync(GNU_TIME)) return { cmd: command, argv: [...args], readRss: () => null };
  const scratch = mkdtempSync(join(tmpdir(), 'bench-time-'));
  const rssFile = join(scratch, 'rss');
  const readRss = () => {
    try {
      const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
      return Number(lines[lines.length - 1]);
    } catch {
      return null;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  };
  return { cmd: GNU_TIME, argv: ['-f', '%M', '-o', rssFile, command, ...args], readRss };
}

/** Runs one command to completion and measures its wall time from spawn to exit. */
export function runTimed(command: string, args: readonly string[], options: RunOptions = {}): TimedRun {
  const { cmd, argv, readRss } = withTime(command, args, options.memory === true);
  const started = process.hrtime.bigint();
  const res = spawnSync(cmd, argv, {
    cwd: options.cwd,
    env: childEnv(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 300_000,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { wallMs, maxRssKiB: readRss(), status: res.status, signal: res.signal, stdout: res.stdout ?? '', stderr: res.stderr ?? '' };
}

/** Throws with the child's output when it failed; benchmarks must not time failures as successes. */
export function expectStatus(run: TimedRun, label: string, ok: readonly number[] = [0]): TimedRun {
  if (run.status === null || !ok.includes(run.status)) {
    const tail = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${label} exited with ${run.status ?? run.signal}:\n${tail}`);
  }
  return run;
}

/**
 * The same, without blocking the event loop: needed when this process must keep serving
 * something the child talks to (the query-counting proxy) or sample the server meanwhile.
 */
export function runAsync(command: string, args: readonly string[], options: RunOptions = {}): Promise<TimedRun> {
  return new Promise((done, fail) => {
    const { cmd, argv, readRss } = withTime(command, args, options.memory === true);
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd: options.cwd, env: childEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('error', fail);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      done({ wallMs, maxRssKiB: readRss(), status, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
