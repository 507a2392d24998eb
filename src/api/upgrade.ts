import { projectVariables } from '../engine/config/connection-target';
import { parseUpgradeTarget } from '../engine/revisions/revision-target';
import { DbManageError } from '../engine/errors/db-manage-error';
import type { LintReport } from '../engine/lint/lint-report';
import { runUpgrade, type UpgradeResult } from '../engine/runner/run-upgrade';
import type { TransactionMode } from '../engine/runner/run-types';
import type { ApiOptions } from './api-options';
import { withProject } from './project-session';
import { commandLine } from '../engine/text/command-line';
import { plural } from '../engine/text/plural';

export interface UpgradeOptions extends ApiOptions {
  /** head (default), +N, or a migration's name, timestamp or a unique prefix of either. */
  readonly target?: string;
  /** each (default, or the data source's migrationsTransactionMode), all, or none. */
  readonly transaction?: TransactionMode;
  /** Return the SQL that would run, without running it. */
  readonly sql?: boolean;
  /** Apply pending migrations older than the applied head instead of refusing. */
  readonly allowOutOfOrder?: boolean;
  /** In production (NODE_ENV=production), apply even when the linter reports errors. */
  readonly force?: boolean;
}

export type UpgradeReport = UpgradeResult & {
  /** In production: what the linter said about the planned migrations before they ran. */
  readonly lint?: LintReport;
};

function lintFailed(report: LintReport): DbManageError {
  const errors = report.violations.filter((v) => v.level === 'error');
  const first = errors[0];
  return new DbManageError(
    'lint-failed',
    `upgrade refused in production: ${plural(errors.length, 'lint error')} in the pending migrations, first [${first.code}] in ${first.location.migration}: ${first.message}`,
    {
      hint: `Run ${commandLine('lint')} for the details and docs/rules/${first.code}.md for the safe way; where the risk is accepted, add // db-manage-ignore ${first.code}, or pass --force. Nothing was applied`,
      details: { violations: errors },
    },
  );
}

/**
 * Applies pending migrations up to the target under the migration lock. Refuses when an
 * applied migration was edited or deleted (history-tampered) or a pending one is older
 * than the head (history-conflict); a failed migration is migration-failed. In production
 * the planned migrations are linted first, and an error-level finding refuses the run
 * (lint-failed) unless `force`: that is where a table lock hurts.
 */
export async function upgrade(options: UpgradeOptions = {}): Promise<UpgradeReport> {
  parseUpgradeTarget(options.target); // a bad target is refused before anything connects
  const cwd = options.cwd ?? process.cwd();
  const production = projectVariables({ cwd, env: options.env }).NODE_ENV === 'production';
  let lint: LintReport | undefined;
  const result = await withProject(options, (_session, ds) =>
    runUpgrade(ds, {
      target: options.target,
      transaction: options.transaction,
      dryRun: options.sql,
      allowOutOfOrder: options.allowOutOfOrder,
      onProgress: options.onProgress,
      beforeRun:
        production && !options.sql
          ? async (planned) => {
              if (planned.length === 0) return;
              options.onProgress?.({ kind: 'notice', message: `NODE_ENV=production: linting ${plural(planned.length, 'migration')} first` });
              // Only production lints on upgrade: the linter's 50 modules load only then.
              const { lintRecorded } = await import('./lint');
              lint = await lintRecorded(ds, cwd, 'pending', planned.map((m) => ({ name: m.name, instance: m.instance, file: m.file ?? undefined })));
              if (lint.errors > 0 && !options.force) throw lintFailed(lint);
            }
          : undefined,
    }),
    { entitiesOnDemand: true },
  );
  return lint ? { ...result, lint } : result;
}
