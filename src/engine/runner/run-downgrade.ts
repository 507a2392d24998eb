import type { DataSource } from 'typeorm';
import type { MigrationRef } from '../history/migration-ref';
import { planDowngrade } from '../revisions/plan-downgrade';
import { parseDowngradeTarget } from '../revisions/revision-target';
import { runnerError } from './runner-error';
import { withRunnerSession } from './runner-session';
import { runSteps, type BeforeStep } from './run-steps';
import { transactionMode } from './transaction-mode';
import type { RunnerProgress, SqlBlock, StepReport, TransactionMode } from './run-types';

export interface RunDowngradeOptions {
  /** One step (default), -N, a revision that stays applied, base, or head (nothing). */
  readonly target?: string;
  /** The same as target "-N". */
  readonly steps?: number;
  readonly transaction?: TransactionMode;
  readonly dryRun?: boolean;
  readonly onProgress?: RunnerProgress;
  /** Checked in each step's transaction before it runs (not on a dry run). */
  readonly beforeStep?: BeforeStep;
}

export interface DowngradeResult {
  readonly dryRun: boolean;
  readonly from: MigrationRef | null;
  readonly to: MigrationRef | null;
  /** What the plan chose, newest first. */
  readonly planned: readonly MigrationRef[];
  /** What was reverted; empty with --sql. */
  readonly reverted: readonly StepReport[];
  readonly sql?: readonly SqlBlock[];
}

/** Reverts applied migrations, newest first, down to the target. */
export async function runDowngrade(ds: DataSource, options: RunDowngradeOptions = {}): Promise<DowngradeResult> {
  const target = parseDowngradeTarget(options.target, options.steps);
  const mode = transactionMode(ds, options.transaction);
  const dryRun = Boolean(options.dryRun);
  return runnerError(() =>
    withRunnerSession(ds, { dryRun, onProgress: options.onProgress }, async (session) => {
      const plan = planDowngrade(session.view, target);
      const preamble = session.recorder?.take() ?? [];
      const outcome = await runSteps(session, plan.steps, { direction: 'down', mode, onProgress: options.onProgress, beforeStep: options.beforeStep });
      return {
        dryRun,
        from: session.view.head,
        to: outcome.head,
        planned: plan.steps,
        reverted: outcome.steps,
        ...(session.recorder ? { sql: [...(preamble.length > 0 ? [{ label: 'history tables', statements: preamble }] : []), ...outcome.sql] } : {}),
      };
    }),
  );
}
