import { spawn, spawnSync } from 'node:child_process';
import { BIN, ROOT, type CliResult } from './run-cli';

/** util-linux `script` gives the CLI a real pseudo-terminal; without it the TTY tests skip. */
export const hasScript = spawnSync('script', ['--version']).status === 0;

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export interface TerminalOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** What to type once `prompt` appears on the terminal, e.g. "yes\r" or "\u0003" (Ctrl-C). */
  readonly keys: string;
  readonly prompt: RegExp;
  /** Waited for after the prompt shows and before typing, e.g. until the server runs the slow statement. */
  readonly before?: () => Promise<void>;
}

/** Runs the real bin on a pseudo-terminal, types `keys` when the prompt shows, returns all output. */
export function runInTerminal(args: readonly string[], options: TerminalOptions): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  // A pty starts with zero columns; give it a size as a real terminal has.
  const command = `stty cols 100 rows 40; exec ${[process.execPath, BIN, ...args].map(shellQuote).join(' ')}`;
  return new Promise((done, fail) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let typed = false;
    const typeWhenPrompted = () => {
      if (typed || !options.prompt.test(stdout)) return;
      typed = true;
      void (options.before ?? (async () => undefined))().then(() => child.stdin.write(options.keys), fail);
    };
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      typeWhenPrompted();
    });
    // A run that prints nothing first (--json) is typed at once when the prompt matches nothing.
    typeWhenPrompted();
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      done({ code: code ?? 137, stdout, stderr: '' });
    });
  });
}
