import type { ProgressEvent } from '../../api';
import { loadApi } from '../load-api';

import { colorWanted, colors, type Colors } from './colors';

export interface OutputOptions {
  readonly json: boolean;
  readonly color?: boolean;
  readonly verbose: boolean;
  /** Passwords that must never be printed, whatever prints them. */
  readonly secrets?: readonly string[];
}

interface Spinner {
  text: string;
  stopAndPersist(options: { symbol: string; text: string }): void;
  stop(): void;
}

/**
 * All console output goes through here. In --json mode, human lines go to stderr
 * and exactly one JSON document goes to stdout. Spinners appear only on a TTY.
 */
export class Output {
  readonly c: Colors;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly tty: boolean;
  private readonly colored: boolean;
  private readonly secrets: string[];
  private spinner: Spinner | null = null;
  /** Without a terminal, the step whose "… label" line waits for its ending. */
  private openStep: string | null = null;

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.verbose = options.verbose;
    // A pty that reports 0 columns (script, some CI runners) sends ora into an endless clear loop.
    this.tty = Boolean(process.stdout.isTTY) && (process.stdout.columns ?? 0) > 0 && !options.json;
    this.colored = colorWanted(options.color, process.env, Boolean(process.stdout.isTTY)) && !options.json;
    this.c = colors(this.colored);
    this.secrets = [...(options.secrets ?? [])];
  }

  addSecret(secret: string | undefined): void {
    if (secret) this.secrets.push(secret);
  }

  private clean(text: string): string {
    return loadApi().redactSecrets(text, this.secrets);
  }

  /** A line for people: stdout normally, stderr in --json mode. */
  line(text = ''): void {
    this.pauseSpinner();
    this.endOpenStep();
    const stream = this.json ? process.stderr : process.stdout;
    stream.write(`${this.clean(text)}\n`);
  }

  detail(text: string): void {
    if (this.verbose) this.line(this.c.dim(text));
  }

  success(text: string): void {
    this.line(`${this.c.green('✔')} ${text}`);
  }

  warn(text: string): void {
    this.pauseSpinner();
    this.endOpenStep();
    process.stderr.write(`${this.clean(`${this.c.yellow('warning:')} ${text}`)}\n`);
  }

  error(text: string): void {
    this.pauseSpinner();
    this.endOpenStep();
    process.stderr.write(`${this.clean(`${this.c.red('error:')} ${text}`)}\n`);
  }

  /** The one JSON document of a --json run. */
  result(value: unknown): void {
    if (!this.json) return;
    this.endOpenStep();
    // Values are redacted before serialising: JSON escapes would hide a secret from a text search.
    process.stdout.write(`${this.clean(JSON.stringify(loadApi().redactValue(value, this.secrets), null, 2))}\n`);
  }

  /** Shows a progress event: a spinner on a TTY, plain lines elsewhere. */
  progress(event: ProgressEvent): void {
    if (event.kind === 'server') {
      this.line(this.c.dim(event.action === 'initialised' ? 'Created and started the embedded PostgreSQL' : 'Started the embedded PostgreSQL'));
      return;
    }
    if (event.kind === 'notice') {
      this.line(event.message);
      return;
    }
    const ms = event.ms !== undefined ? this.c.dim(` (${event.ms} ms)`) : '';
    if (event.phase === 'start') {
      if (this.tty) this.startSpinner(event.label);
      else if (!this.json) {
        // One line per step: "… label" now, so a log shows what is running, completed when it ends.
        this.endOpenStep();
        process.stdout.write(this.clean(`… ${event.label}`));
        this.openStep = event.label;
      }
      return;
    }
    const symbol = event.phase === 'done' ? this.c.green('✔') : this.c.red('✖');
    const text = `${event.label}${ms}`;
    if (this.spinner) {
      const s = this.spinner;
      this.spinner = null;
      s.stopAndPersist({ symbol, text: this.clean(text) });
    } else if (this.openStep === event.label) {
      this.openStep = null;
      process.stdout.write(this.clean(` ${symbol}${ms}\n`));
    } else {
      this.line(`${symbol} ${text}`);
    }
  }

  /**
   * A status line that stays at the bottom of a terminal and changes in place (a spinner),
   * for work that reports as it goes; lines printed meanwhile go above it. Nothing elsewhere.
   */
  status(text: string): void {
    if (!this.tty) return;
    if (this.spinner) this.spinner.text = this.clean(text);
    else this.startSpinner(text);
  }

  /** Ends the open "… label" line, so nothing else is printed on it. */
  private endOpenStep(): void {
    if (this.openStep === null) return;
    this.openStep = null;
    process.stdout.write('\n');
  }

  private startSpinner(text: string): void {
    // ora is loaded lazily: it is only ever needed on a TTY.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ora = require('ora').default as (opts: Record<string, unknown>) => Spinner & { start(): Spinner };
    this.pauseSpinner();
    // discardStdin would put the terminal in raw mode, where Ctrl-C is a byte, not a SIGINT.
    this.spinner = ora({ text: this.clean(text), stream: process.stdout, discardStdin: false, color: this.colored ? 'cyan' : false }).start();
  }

  private pauseSpinner(): void {
    if (this.spinner) {
      this.spinner.stop();
      this.spinner = null;
    }
  }

  close(): void {
    this.endOpenStep();
    this.pauseSpinner();
  }
}
