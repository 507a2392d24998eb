import type { DataSource } from 'typeorm';
import type { MigrationRef } from '../history/migration-ref';
import { planStamp } from '../revisions/plan-stamp';
import { parseStampTarget } from '../revisions/revision-target';
import { recordApplied, recordReverted, saveChecksum } from './history-store';
import { runnerError } from './runner-error';
import { withRunnerSession } from './runner-session';
import type { RunnerProgress, SqlBlock } from './run-types';

export interface RunStampOptions {
  /** head, base, or a revision. */
  readonly target: string;
  readonly dryRun?: boolean;
  readonly onProgress?: RunnerProgress;
}

export interface StampResult {
  readonly dryRun: boolean;
  readonly from: MigrationRef | null;
  readonly to: MigrationRef | null;
  /** Recorded as applied without running. */
  readonly recorded: readonly string[];
  /** Removed from the history without reverting (newer than the target, or their file is gone). */
  readonly removed: readonly string[];
  /** Applied migrations whose checksum now matches the file again (edits accepted). */
  readonly refreshed: readonly string[];
  readonly sql?: readonly SqlBlock[];
}

/** Makes the history say "applied up to the target", in one transaction, running nothing. */
export async function runStamp(ds: DataSource, options: RunStampOptions): Promise<StampResult> {
  const target = parseStampTarget(options.target);
  const dryRun = Boolean(options.dryRun);
  return runnerError(() =>
    withRunnerSession(ds, { dryRun, onProgress: options.onProgress }, async (session) => {
      const { runner, store, view } = session;
      const plan = planStamp(view, target);
      const checksums = new Map(session.local.map((m) => [m.name, m.checksum]));
      await runner.startTransaction();
      for (const ref of plan.remove) await recordReverted(runner, store, ref);
      for (const ref of plan.record) await recordApplied(runner, store, ref, checksums.get(ref.name) ?? null);
      for (const ref of plan.refresh) await saveChecksum(runner, store, ref.name, checksums.get(ref.name) as string);
      await runner.commitTransaction();
      return {
        dryRun,
        from: view.head,
        to: plan.target,
        recorded: plan.record.map((r) => r.name),
        removed: plan.remove.map((r) => r.name),
        refreshed: plan.refresh.map((r) => r.name),
        ...(session.recorder ? { sql: [{ label: 'stamp', statements: session.recorder.take() }] } : {}),
      };
    }),
  );
}
