import type { TimedRun } from './run-timed';
import { summarize, type Summary } from './stats';

/** One thing to time: its own database and files, so it can take turns with the others. */
export interface Measurement {
  /** Stable key the results are looked up by. */
  readonly key: string;
  readonly label: string;
  /** Once, untimed, before its first run (e.g. migrate a database up to date). */
  readonly setup?: () => Promise<void> | void;
  /** Before every run, untimed (e.g. recreate an empty database). */
  readonly before?: () => Promise<void> | void;
  readonly run: () => TimedRun;
  /** Timed runs wanted; fewer when the time budget runs out. */
  readonly runs: number;
  readonly warmup?: number;
}

export interface Sampled extends Summary {
  readonly key: string;
  readonly label: string;
  readonly samplesMs: readonly number[];
  /** Largest peak RSS over the runs, when measured. */
  readonly maxRssKiB: number | null;
  readonly last: TimedRun | null;
}

/** A measurement the server could not run at its settings, and why; it is left out of the figures. */
export interface Failure {
  readonly key: string;
  readonly label: string;
  readonly reason: string;
}

/** Failures of every interleave() so far, for the results' notes. */
export const failures: Failure[] = [];

/** A run the server refused for a limit of its own (not the tool's fault, nor the bench's). */
const SERVER_LIMIT = /max_locks_per_transaction|out of shared memory/;

/**
 * Round-robin: run 1 of every measurement, then run 2 of every one, and so on. When the
 * machine's load drifts (other work starts or stops), it shifts every tool alike, so the
 * side-by-side comparison holds even when the absolute figures move. Odd rounds go in reverse
 * order (A B C, C B A, …), so no measurement always follows the same one and inherits its
 * aftermath (a server still writing out the tables the previous run dropped). `settle`, when
 * given, runs untimed just before every timed run, after its `before` (a CHECKPOINT, say).
 * Stops starting rounds after `budgetMs` once every measurement has `minRuns`.
 */
export async function interleave(
  measurements: readonly Measurement[],
  budgetMs: number,
  minRuns = 3,
  settle?: () => Promise<void>,
): Promise<Map<string, Sampled>> {
  const samples = new Map<string, number[]>(measurements.map((m) => [m.key, []]));
  const rss = new Map<string, number | null>(measurements.map((m) => [m.key, null]));
  const last = new Map<string, TimedRun | null>(measurements.map((m) => [m.key, null]));
  const failed = new Set<string>();
  /** Runs `fn`; a server-limit error marks the measurement failed instead of ending the bench. */
  const attempt = async (m: Measurement, fn: () => Promise<void>): Promise<void> => {
    if (failed.has(m.key)) return;
    try {
      await fn();
    } catch (err) {
      const text = String((err as Error).message ?? err);
      if (!SERVER_LIMIT.test(text)) throw err;
      failed.add(m.key);
      const where = text.split('\n')[0].replace(/ exited with .*$/, '');
      failures.push({ key: m.key, label: where, reason: 'out of shared memory: the server\'s lock table (max_locks_per_transaction) cannot hold one transaction\'s locks on every table' });
      process.stderr.write(`  ${m.label}: failed (server lock table), left out\n`);
    }
  };
  for (const m of measurements) {
    await attempt(m, async () => {
      await m.setup?.();
      for (let i = 0; i < (m.warmup ?? 1); i++) {
        await m.before?.();
        m.run();
      }
    });
  }
  const started = Date.now();
  const rounds = Math.max(...measurements.map((m) => m.runs));
  for (let round = 0; round < rounds; round++) {
    if (round >= minRuns && Date.now() - started > budgetMs) break;
    for (const m of round % 2 === 0 ? measurements : [...measurements].reverse()) {
      if (round >= m.runs) continue;
      await attempt(m, async () => {
        await m.before?.();
        await settle?.();
        const r = m.run();
        samples.get(m.key)?.push(r.wallMs);
        last.set(m.key, r);
        if (r.maxRssKiB !== null) rss.set(m.key, Math.max(rss.get(m.key) ?? 0, r.maxRssKiB));
      });
    }
    process.stderr.write(`  round ${round + 1}/${rounds} done\n`);
  }
  const out = new Map<string, Sampled>();
  for (const m of measurements) {
    if (failed.has(m.key)) continue;
    const s = samples.get(m.key) ?? [];
    const sampled = { key: m.key, label: m.label, ...summarize(s), samplesMs: s, maxRssKiB: rss.get(m.key) ?? null, last: last.get(m.key) ?? null };
    process.stderr.write(`  ${m.label}: median ${(sampled.medianMs / 1000).toFixed(3)} s over ${sampled.n} runs\n`);
    out.set(m.key, sampled);
  }
  return out;
}
