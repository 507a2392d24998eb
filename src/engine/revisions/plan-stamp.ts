import { compareRefs, type MigrationRef } from '../history/migration-ref';
import { refOf } from './build-history';
import { resolveRevision } from './resolve-revision';
import type { HistoryView } from './revision-entry';
import type { StampTarget } from './revision-target';

export interface StampPlan {
  /** The applied head afterwards; null at base. */
  readonly target: MigrationRef | null;
  /** Pending migrations to record as applied without running them. */
  readonly record: readonly MigrationRef[];
  /** History rows to delete without reverting: newer than the target, or whose file is gone. */
  readonly remove: readonly MigrationRef[];
  /** Applied migrations whose checksum is re-taken from the file as it is now. */
  readonly refresh: readonly MigrationRef[];
}

/**
 * `stamp X` makes the history say exactly "every migration in the project up to X is
 * applied", and trusts the files as they are now. It is how a user adopts an existing
 * database, accepts an edited migration or forgets a deleted one.
 */
export function planStamp(view: HistoryView, target: StampTarget): StampPlan {
  const local = view.entries.filter((e) => !e.flags.includes('missing'));
  let stop: MigrationRef | null;
  if (target.kind === 'base') stop = null;
  else if (target.kind === 'head') stop = local.length > 0 ? refOf(local[local.length - 1]) : null;
  else stop = refOf(resolveRevision(local, target.query));

  const wanted = (e: MigrationRef) => stop !== null && compareRefs(e, stop) <= 0;
  const record = local.filter((e) => e.state === 'pending' && wanted(e)).map(refOf);
  const remove = view.entries.filter((e) => e.state === 'applied' && (e.flags.includes('missing') || !wanted(e))).map(refOf);
  const refresh = local
    .filter((e) => e.state === 'applied' && wanted(e) && e.checksum !== null && e.checksum !== e.recordedChecksum)
    .map(refOf);
  return { target: stop, record, remove, refresh };
}
