import { runDowngrade, type DowngradeResult } from '../engine/runner/run-downgrade';
import type { TransactionMode } from '../engine/runner/run-types';
import type { ApiOptions } from './api-options';
import { withProject } from './project-session';

export interface DowngradeOptions extends ApiOptions {
  /** One step (default), -N, a migration to go back to (it stays applied), base, or head. */
  readonly target?: string;
  /** Revert this many migrations; the same as target "-N". */
  readonly steps?: number;
  readonly transaction?: TransactionMode;
  /** Return the SQL that would run, without running it. */
  readonly sql?: boolean;
}

export type DowngradeReport = DowngradeResult;

/** Reverts applied migrations, newest first, under the migration lock. */
export async function downgrade(options: DowngradeOptions = {}): Promise<DowngradeReport> {
  return withProject(options, (_session, ds) =>
    runDowngrade(ds, {
      target: options.target,
      steps: options.steps,
      transaction: options.transaction,
      dryRun: options.sql,
      onProgress: options.onProgress,
    }),
  );
}
