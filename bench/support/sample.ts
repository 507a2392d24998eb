import { summarize, type Summary } from './stats';
import type { TimedRun } from './run-timed';

export interface SampleOptions {
  readonly runs: number;
  /** Untimed runs first, so disk caches are warm and every timed run sees the same state. */
  readonly warmup?: number;
  /** Stops early (after at least `minRuns`) once this much time has gone, so a bench always ends. */
  readonly budgetMs?: number;
  readonly minRuns?: number;
  /** Runs before each run, untimed (e.g. recreate a database). */
  readonly before?: () => Promise<void> | void;
}

export interface Sampled extends Summary {
  readonly label: string;
  readonly samplesMs: readonly number[];
  /** Largest peak RSS seen over the runs, when measured. */
  readonly maxRssKiB: number | null;
  readonly last: TimedRun | null;
}

export async function sample(label: string, run: () => TimedRun, options: SampleOptions): Promise<Sampled> {
  for (let i = 0; i < (options.warmup ?? 0); i++) {
    await options.before?.();
    run();
  }
  const started = Date.now();
  const samples: number[] = [];
  let maxRss: number | null = null;
  let last: TimedRun | null = null;
  const minRuns = Math.min(options.minRuns ?? 3, options.runs);
  for (let i = 0; i < options.runs; i++) {
    if (i >= minRuns && options.budgetMs !== undefined && Date.now() - started > options.budgetMs) break;
    await options.before?.();
    last = run();
    samples.push(last.wallMs);
    if (last.maxRssKiB !== null) maxRss = Math.max(maxRss ?? 0, last.maxRssKiB);
  }
  const summary = { label, ...summarize(samples), samplesMs: samples, maxRssKiB: maxRss, last };
  process.stderr.write(`  ${label}: median ${(summary.medianMs / 1000).toFixed(3)} s over ${summary.n} runs\n`);
  return summary;
}

/** Reads `--name value` from argv, with a default. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) return fallback;
  const value = Number(process.argv[i + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function flagArg(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

export function stringArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : undefined;
}
