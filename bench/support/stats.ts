/** Summary of repeated wall-time samples; the median is the figure compared to targets. */
export interface Summary {
  readonly n: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(samplesMs: readonly number[]): Summary {
  return {
    n: samplesMs.length,
    medianMs: median(samplesMs),
    minMs: samplesMs.length ? Math.min(...samplesMs) : Number.NaN,
    maxMs: samplesMs.length ? Math.max(...samplesMs) : Number.NaN,
  };
}

export function seconds(ms: number, digits = 3): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(digits)} s` : 'n/a';
}

export function mebibytes(kib: number | null | undefined): string {
  return kib === null || kib === undefined || !Number.isFinite(kib) ? 'n/a' : `${(kib / 1024).toFixed(1)} MiB`;
}
