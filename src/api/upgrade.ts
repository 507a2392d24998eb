import { runUpgrade, type UpgradeResult } from '../engine/runner/run-upgrade';
import type { TransactionMode } from '../engine/runner/run-types';
import type { ApiOptions } from './api-options';
import { withProject } from './project-session';

export interface UpgradeOptions extends ApiOptions {
  /** head (default), +N, or a migration's name, timestamp or a unique prefix of either. */
  readonly target?: string;
  /** each (default, or the data source's migrationsTransactionMode), all, or none. */
  readonly transaction?: TransactionMode;
  /** Return the SQL that would run, without running it. */
  readonly sql?: boolean;
  /** Apply pending migrations older than the applied head instead of refusing. */
  readonly allowOutOfOrder?: boolean;
}

export type UpgradeReport = UpgradeResult;

/**
 * Applies pending migrations up to the target under the migration lock. Refuses when an
 * applied migration was edited or deleted (history-tampered) or a pending one is older
 * than the head (history-conflict); a failed migration is migration-failed.
 */
export async function upgrade(options: UpgradeOptions = {}): Promise<UpgradeReport> {
  return withProject(options, (_session, ds) =>
    runUpgrade(ds, {
      target: options.target,
      transaction: options.transaction,
      dryRun: options.sql,
      allowOutOfOrder: options.allowOutOfOrder,
      onProgress: options.onProgress,
    }),
  );
}
