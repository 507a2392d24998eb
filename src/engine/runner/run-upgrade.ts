import type { DataSource } from 'typeorm';
import type { MigrationRef } from '../history/migration-ref';
import { planUpgrade } from '../revisions/plan-upgrade';
import { parseUpgradeTarget } from '../revisions/revision-target';
import { saveChecksum } from './history-store';
import type { LocalMigration } from './migration-sources';
import { runnerError } from './runner-error';
import { withRunnerSession, type RunnerSession } from './runner-session';
import { runSteps } from './run-steps';
import { transactionMode } from './transaction-mode';
import type { RunnerProgress, SqlBlock, StepReport, TransactionMode } from './run-types';
import { installReliedExtensions } from './typeorm-extensions';

export interface RunUpgradeOptions {
  /** head (default), +N, or a revision (name, timestamp, or a unique prefix). */
  readonly target?: string;
  readonly transaction?: TransactionMode;
  /** Record the SQL instead of running it. */
  readonly dryRun?: boolean;
  readonly allowOutOfOrder?: boolean;
  readonly onProgress?: RunnerProgress;
  /** Sees the planned migrations under the lock, before anything runs; may refuse by throwing (production lint). */
  readonly beforeRun?: (planned: readonly LocalMigration[]) => Promise<void>;
}

export interface UpgradeResult {
  readonly dryRun: boolean;
  /** The applied head before the run. */
  readonly from: MigrationRef | null;
  /** The applied head after it (with --sql: as it would be). */
  readonly to: MigrationRef | null;
  /** What the plan chose, oldest first. */
  readonly planned: readonly MigrationRef[];
  /** What ran; empty with --sql. */
  readonly applied: readonly StepReport[];
  /** Planned migrations older than the head, applied because --allow-out-of-order was given. */
  readonly outOfOrder: readonly string[];
  /** Applied migrations without a checksum (run by TypeORM alone) whose files are now trusted. */
  readonly adopted: readonly string[];
  /** With --sql: the statements, in order. */
  readonly sql?: readonly SqlBlock[];
}

/** Rows TypeORM wrote without us get their checksum now: from here on, edits to them are caught. */
async function adoptUnverified(session: RunnerSession): Promise<string[]> {
  const unverified = session.view.entries.filter((e) => e.flags.includes('unverified') && e.checksum !== null);
  if (unverified.length === 0) return [];
  const { runner, store } = session;
  await runner.startTransaction();
  for (const e of unverified) await saveChecksum(runner, store, e.name, e.checksum as string);
  await runner.commitTransaction();
  return unverified.map((e) => e.name);
}

/** Applies pending migrations up to the target, holding the migration lock throughout. */
export async function runUpgrade(ds: DataSource, options: RunUpgradeOptions = {}): Promise<UpgradeResult> {
  const target = parseUpgradeTarget(options.target);
  const mode = transactionMode(ds, options.transaction);
  const dryRun = Boolean(options.dryRun);
  return runnerError(() =>
    withRunnerSession(ds, { dryRun, onProgress: options.onProgress }, async (session) => {
      const plan = planUpgrade(session.view, target, { allowOutOfOrder: options.allowOutOfOrder });
      const local = new Map(session.local.map((m) => [m.name, m]));
      const planned = plan.steps.flatMap((s) => local.get(s.name) ?? []);
      if (options.beforeRun) await options.beforeRun(planned);
      if (!dryRun && planned.length > 0) await installReliedExtensions(ds, session.runner, planned);
      const adopted = await adoptUnverified(session);
      const preamble = session.recorder?.take() ?? [];
      const outcome = await runSteps(session, plan.steps, { direction: 'up', mode, onProgress: options.onProgress });
      return {
        dryRun,
        from: session.view.head,
        to: outcome.head,
        planned: plan.steps,
        applied: outcome.steps,
        outOfOrder: plan.outOfOrder,
        adopted,
        ...(session.recorder ? { sql: [...(preamble.length > 0 ? [{ label: 'history tables', statements: preamble }] : []), ...outcome.sql] } : {}),
      };
    }),
  );
}
