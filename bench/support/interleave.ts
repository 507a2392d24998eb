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

/**
 * Round-robin: run 1 of every measurement, then run 2 of every one, and so on. When the
 * machine's load drifts (other work starts or stops), it shifts every tool alike, so the
 * side-by-side comparison holds even when the absolute figures move. Stops starting rounds
 * after `budgetMs` once every measurement has `minRuns`.
 */
export async function interleave(measurements: readonly Measurement[], budgetMs: number, minRuns = 3): Promise<Map<string, Sampled>> {
  const samples = new Map<string, number[]>(measurements.map((m) => [m.key, []]));
  const rss = new Map<string, number | null>(measurements.map((m) => [m.key, null]));
  const last = new Map<string, TimedRun | null>(measurements.map((m) => [m.key, null]));
  for (const m of measurements) {
    await m.setup?.();
    for (let i = 0; i < (m.warmup ?? 1); i++) {
      await m.before?.();
      m.run();
    }
  }
  const started = Date.now();
  const rounds = Math.max(...measurements.map((m) => m.runs));
  for (let round = 0; round < rounds; round++) {
    if (round >= minRuns && Date.now() - started > budgetMs) break;
    for (const m of measurements) {
      if (round >= m.runs) continue;
      await m.before?.();
      const r = m.run();
      samples.get(m.key)?.push(r.wallMs);
      last.set(m.key, r);
      if (r.maxRssKiB !== null) rss.set(m.key, Math.max(rss.get(m.key) ?? 0, r.maxRssKiB));
    }
    process.stderr.write(`  round ${round + 1}/${rounds} done\n`);
  }
  const out = new Map<string, Sampled>();
  for (const m of measurements) {
    const s = samples.get(m.key) ?? [];
    const sampled = { key: m.key, label: m.label, ...summarize(s), samplesMs: s, maxRssKiB: rss.get(m.key) ?? null, last: last.get(m.key) ?? null };
    process.stderr.write(`  ${m.label}: median ${(sampled.medianMs / 1000).toFixed(3)} s over ${sampled.n} runs\n`);
    out.set(m.key, sampled);
  }
  return out;
}
