import type { LintResult } from './lint-statements';
import type { Violation } from './violation';

/** A migration whose `up` could not be recorded to the end (its earlier statements are still linted). */
export interface UnrecordedMigration {
  readonly migration: string;
  readonly message: string;
}

/** What `lint` returns, and what `--json` prints. */
export interface LintReport {
  /** What was linted: the pending migrations, or one file. */
  readonly source: 'pending' | 'file';
  /** The linted migrations' names, in run order. */
  readonly migrations: readonly string[];
  /** How many SQL statements were linted. */
  readonly statements: number;
  readonly violations: readonly Violation[];
  readonly errors: number;
  readonly warnings: number;
  /** Violations silenced by db-manage-ignore comments. */
  readonly ignored: number;
  readonly unrecorded: readonly UnrecordedMigration[];
  /** False when an error-level rule fired or a migration could not be recorded. */
  readonly ok: boolean;
}

export function lintReport(
  source: LintReport['source'],
  migrations: readonly string[],
  result: LintResult,
  unrecorded: readonly UnrecordedMigration[] = [],
): LintReport {
  const errors = result.violations.filter((v) => v.level === 'error').length;
  return {
    source,
    migrations,
    statements: result.statements,
    violations: result.violations,
    errors,
    warnings: result.violations.length - errors,
    ignored: result.ignored,
    unrecorded,
    ok: errors === 0 && unrecorded.length === 0,
  };
}
