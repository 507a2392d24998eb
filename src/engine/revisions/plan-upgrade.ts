import { DbManageError } from '../errors/db-manage-error';
import { compareRefs, type MigrationRef } from '../history/migration-ref';
import { pendingEntries, refOf } from './build-history';
import { resolveRevision } from './resolve-revision';
import type { HistoryView } from './revision-entry';
import type { UpgradeTarget } from './revision-target';
import { tamperError } from './tamper-error';
import { commandLine } from '../text/command-line';

export interface UpgradePlan {
  /** The migrations to apply, oldest first. */
  readonly steps: readonly MigrationRef[];
  /** Where the run stops; null when there is nothing in the project. */
  readonly target: MigrationRef | null;
  /** Steps older than the applied head (only with allowOutOfOrder). */
  readonly outOfOrder: readonly string[];
}

export interface UpgradePlanOptions {
  /**
   * Apply pending migrations older than the applied head. Off by default, as in Flyway:
   * such a migration was written against a schema that no longer exists, and TypeORM
   * would apply it silently.
   */
  readonly allowOutOfOrder?: boolean;
}

/** Decides what `upgrade [target]` applies, or why it must not. */
export function planUpgrade(view: HistoryView, target: UpgradeTarget, options: UpgradePlanOptions = {}): UpgradePlan {
  const tampered = view.issues.filter((i) => i.kind === 'edited' || i.kind === 'missing');
  if (tampered.length > 0) throw tamperError(view, tampered, 'upgrade');

  const pending = pendingEntries(view);
  let steps: MigrationRef[];
  let stop: MigrationRef | null;
  if (target.kind === 'head') {
    steps = pending.map(refOf);
    stop = view.entries.length > 0 ? refOf(view.entries[view.entries.length - 1]) : null;
  } else if (target.kind === 'relative') {
    if (target.steps > pending.length) {
      throw new DbManageError('revision-out-of-range', `+${target.steps} goes past head: ${pending.length === 0 ? 'no migrations are' : pending.length === 1 ? 'only 1 migration is' : `only ${pending.length} migrations are`} pending`, {
        hint: `Run ${commandLine('history')} to see what is pending`,
        details: { pending: pending.map((p) => p.name) },
      });
    }
    steps = pending.slice(0, target.steps).map(refOf);
    stop = steps[steps.length - 1];
  } else {
    stop = refOf(resolveRevision(view.entries, target.query));
    const until = stop;
    steps = pending.filter((p) => compareRefs(p, until) <= 0).map(refOf);
  }

  const head = view.head;
  const outOfOrder = head ? steps.filter((s) => compareRefs(s, head) < 0).map((s) => s.name) : [];
  if (outOfOrder.length > 0 && !options.allowOutOfOrder) {
    throw new DbManageError('history-conflict', `${outOfOrder.join(', ')} ${outOfOrder.length === 1 ? 'is' : 'are'} older than the applied head ${head?.name} (out of order)`, {
      hint: 'Give the migration a newer timestamp (rename its class and file), or run upgrade --allow-out-of-order to apply it anyway',
      details: { kind: 'out-of-order', outOfOrder, head: head?.name },
    });
  }
  return { steps, target: stop, outOfOrder };
}
