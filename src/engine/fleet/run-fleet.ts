import type { FleetTarget } from './fleet-targets';

export type TargetOutcome<T> =
  | { readonly target: FleetTarget; readonly status: 'ok'; readonly value: T; readonly ms: number }
  | { readonly target: FleetTarget; readonly status: 'failed'; readonly error: unknown; readonly ms: number }
  /** Never started: a canary or an earlier target failed. */
  | { readonly target: FleetTarget; readonly status: 'skipped' };

export interface FleetRunOptions {
  /** How many targets run at once. */
  readonly concurrency: number;
  /** Run the first K targets first; stop if any of them fails. */
  readonly canary?: number;
  /** Keep starting targets after a failure (the default stops starting new ones). */
  readonly continueOnError?: boolean;
  /** Whether a failure stops new starts at all (default: every failure does). */
  readonly stopsTheRun?: (error: unknown) => boolean;
  readonly onStart?: (target: FleetTarget) => void;
  readonly onDone?: (outcome: TargetOutcome<unknown>) => void;
}

/**
 * Runs `task` on every target, at most `concurrency` at a time, in the targets' order.
 * After a failure that stops the run (stopsTheRun) no new target starts (unless
 * continueOnError); the ones running finish. A failing canary stops the run whatever
 * continueOnError or stopsTheRun say.
 */
export async function runFleet<T>(targets: readonly FleetTarget[], options: FleetRunOptions, task: (target: FleetTarget) => Promise<T>): Promise<TargetOutcome<T>[]> {
  const outcomes = new Map<FleetTarget, TargetOutcome<T>>();
  let stopped = false;
  const runOne = async (target: FleetTarget) => {
    options.onStart?.(target);
    const started = Date.now();
    let outcome: TargetOutcome<T>;
    try {
      outcome = { target, status: 'ok', value: await task(target), ms: Date.now() - started };
    } catch (error) {
      outcome = { target, status: 'failed', error, ms: Date.now() - started };
    }
    outcomes.set(target, outcome);
    options.onDone?.(outcome as TargetOutcome<unknown>);
    return outcome;
  };
  const pool = async (batch: readonly FleetTarget[], stopOnFailure: boolean, canaries: boolean) => {
    let next = 0;
    const worker = async () => {
      while (!stopped && next < batch.length) {
        const outcome = await runOne(batch[next++]);
        if (outcome.status === 'failed' && stopOnFailure && (canaries || (options.stopsTheRun?.(outcome.error) ?? true))) stopped = true;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, batch.length)) }, worker));
  };
  const canary = Math.max(0, Math.min(options.canary ?? 0, targets.length));
  await pool(targets.slice(0, canary), true, true);
  if (!stopped) await pool(targets.slice(canary), !options.continueOnError, false);
  return targets.map((target) => outcomes.get(target) ?? { target, status: 'skipped' });
}
