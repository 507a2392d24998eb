import { DbManageError } from '../errors/db-manage-error';
import { compareRefs, type MigrationRef } from '../history/migration-ref';
import { appliedEntries, refOf } from './build-history';
import { resolveRevision } from './resolve-revision';
import type { HistoryView } from './revision-entry';
import type { DowngradeTarget } from './revision-target';
import { restampTarget } from './tamper-error';
import { commandLine } from '../text/command-line';
import { noun, plural } from '../text/plural';

export interface DowngradePlan {
  /** The migrations to revert, newest first. */
  readonly steps: readonly MigrationRef[];
  /** The head after the run; null at base. */
  readonly target: MigrationRef | null;
}

/** Decides what `downgrade [target]` reverts: applied migrations, newest first. */
export function planDowngrade(view: HistoryView, target: DowngradeTarget): DowngradePlan {
  const applied = appliedEntries(view);
  let keep: number; // how many applied migrations stay
  if (target.kind === 'base') keep = 0;
  else if (target.kind === 'head') keep = applied.length;
  else if (target.kind === 'relative') {
    if (target.steps > applied.length) {
      const why = applied.length === 0 ? 'no migrations are applied' : `only ${plural(applied.length, 'migration')} ${applied.length === 1 ? 'is' : 'are'} applied`;
      throw new DbManageError('revision-out-of-range', `cannot downgrade ${plural(target.steps, 'step')}: ${why}`, {
        hint: applied.length === 0 ? 'The database is already at base' : `Use ${commandLine('downgrade', 'base')} to revert them all`,
        details: { applied: applied.length },
      });
    }
    keep = applied.length - target.steps;
  } else {
    const wanted = resolveRevision(view.entries, target.query);
    if (wanted.state !== 'applied') {
      throw new DbManageError('revision-out-of-range', `${wanted.name} is not applied, so downgrade cannot go back to it`, {
        hint: `Name an applied migration (see ${commandLine('history')}), or base`,
        details: { target: wanted.name },
      });
    }
    keep = applied.filter((a) => compareRefs(a, wanted) <= 0).length;
  }

  const reverting = applied.slice(keep).reverse();
  const missing = reverting.filter((e) => e.flags.includes('missing')).map((e) => e.name);
  if (missing.length > 0) {
    throw new DbManageError('history-tampered', `cannot revert ${missing.join(', ')}: ${missing.length === 1 ? 'its migration file is' : 'their migration files are'} missing`, {
      hint: `Restore the file, or drop it from the history without reverting it: ${commandLine('stamp', restampTarget(view))}`,
      details: { missing },
    });
  }
  // An edited down() may not undo what the applied up() did: reverting it could leave the
  // schema neither here nor there. Only the migrations this run reverts matter.
  const edited = reverting.filter((e) => e.flags.includes('edited')).map((e) => e.name);
  if (edited.length > 0) {
    const one = edited.length === 1;
    throw new DbManageError(
      'history-tampered',
      `cannot revert ${edited.join(', ')}: ${one ? 'it was' : 'they were'} edited after ${one ? 'it was' : 'they were'} applied, so ${one ? 'its' : 'their'} down() may not undo what was applied`,
      {
        hint: `Restore the applied version of the ${noun(edited.length, 'file')} (e.g. git stash) and downgrade, or, if the edited down() is right for this database, accept the edit with ${commandLine('stamp', restampTarget(view))} and downgrade again`,
        details: { edited },
      },
    );
  }
  return { steps: reverting.map(refOf), target: keep > 0 ? refOf(applied[keep - 1]) : null };
}
