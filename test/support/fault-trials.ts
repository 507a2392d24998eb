/**
 * Fault checks run a bounded number of trials: a small default inside `npm test`,
 * the full counts with `npm run test:faults` (FAULTS_FULL=1).
 */
export function trials(full: number, quick: number): number {
  return process.env.FAULTS_FULL === '1' ? full : quick;
}

/** One line per check, collected into test/faults/RESULTS.md by hand after a full run. */
export function reportFigure(check: string, figures: Record<string, number | string>): void {
  const parts = Object.entries(figures).map(([k, v]) => `${k}=${v}`);
  process.stdout.write(`# FAULT ${check}: ${parts.join(' ')}\n`);
}

/** A deterministic pseudo-random sequence, so a failing trial can be replayed by seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}
