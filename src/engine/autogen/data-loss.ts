import type { RenameCandidate } from '../diff/renames';
import { DbManageError } from '../errors/db-manage-error';
import type { OperationSummary } from './project-diff';
import { renameOptionFor, renameSubject } from './resolve-renames';

/** What the user is asked, or told, about a possible rename. */
export interface RenameQuestion {
  readonly kind: 'table' | 'column';
  /** schema.table.column (or schema.table) before and after. */
  readonly from: string;
  readonly to: string;
  readonly fromType?: string;
  readonly toType?: string;
  /** The `--rename` value that gives this answer without a prompt. */
  readonly option: string;
}

export function renameQuestion(c: RenameCandidate): RenameQuestion {
  const { from, to } = renameSubject(c);
  return { kind: c.kind, from, to, fromType: c.fromType, toType: c.toType, option: renameOptionFor(c) };
}

/**
 * The refusal when a diff loses data and nobody allowed it: no terminal to ask on and no
 * --allow-data-loss. Possible renames that went unanswered are named with the --rename
 * value that would keep their data, since they are the usual cause.
 */
export function dataLossRefused(losses: readonly OperationSummary[], unanswered: readonly RenameQuestion[]): DbManageError {
  const first = losses[0].destructive ?? losses[0].description;
  const more = losses.length > 1 ? ` (and ${losses.length - 1} more)` : '';
  const renames = unanswered.map((q) => `--rename ${q.option}`);
  const hint =
    renames.length > 0
      ? `If ${unanswered[0].from} was renamed to ${unanswered[0].to.split('.').pop()}, pass ${renames[0]} to keep its data (--rename answers each possible rename); otherwise pass --allow-data-loss`
      : 'Review the change; pass --allow-data-loss to write the migration anyway (a terminal asks instead)';
  return new DbManageError('data-loss-refused', `the migration would lose data: ${first}${more}; nothing was written`, {
    hint,
    details: { operations: losses, possibleRenames: unanswered },
  });
}
