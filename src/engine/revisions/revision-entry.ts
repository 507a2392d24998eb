import type { MigrationRef } from '../history/migration-ref';

/** A migration found in the project, with the checksum of its source file. */
export interface LocalRevision extends MigrationRef {
  /** sha256 of the normalised source file; null when its file could not be found. */
  readonly checksum: string | null;
}

/** A row of the history table, joined with the checksum db-manage recorded for it. */
export interface AppliedRevision extends MigrationRef {
  readonly checksum: string | null;
  /** ISO time db-manage recorded it; null for rows written by TypeORM alone. */
  readonly appliedAt: string | null;
}

/**
 * - missing: applied, but no migration in the project has its name
 * - edited: applied, and its file changed since (checksum differs)
 * - out-of-order: pending, but older than the applied head
 * - unverified: applied without a recorded checksum (e.g. by `dataSource.runMigrations()`)
 */
export type HistoryFlag = 'missing' | 'edited' | 'out-of-order' | 'unverified';

/** One migration as the history sees it: the union of the project's and the database's. */
export interface RevisionEntry extends MigrationRef {
  readonly state: 'applied' | 'pending';
  readonly appliedAt: string | null;
  readonly flags: readonly HistoryFlag[];
  /** Checksum of the file now; null when missing or its file is unknown. */
  readonly checksum: string | null;
  /** Checksum recorded when it was applied or stamped. */
  readonly recordedChecksum: string | null;
}

/** Something the user must act on before `upgrade` goes on. */
export interface HistoryIssue {
  readonly kind: 'missing' | 'edited' | 'out-of-order';
  readonly name: string;
  readonly message: string;
}

export interface HistoryView {
  /** Every migration, ordered by timestamp then name. */
  readonly entries: readonly RevisionEntry[];
  /** The newest applied migration. */
  readonly head: MigrationRef | null;
  readonly issues: readonly HistoryIssue[];
}
