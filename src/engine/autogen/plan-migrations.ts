import type { Operation } from '../diff/operations';

/** One migration file to write: its operations, and whether it runs inside a transaction. */
export interface PlannedMigration {
  readonly operations: readonly Operation[];
  readonly transaction: boolean;
  /** Appended to the message for the class and file name; '' for the main migration. */
  readonly suffix: string;
}

export const CONCURRENT_SUFFIX = 'concurrently';

const tableOf = (op: { readonly schema: string; readonly table: string }) => `${op.schema}.${op.table}`;

/**
 * A unique index that a foreign key of the same diff points at must exist before that
 * foreign key is added, so it cannot wait for a later migration.
 */
function neededByForeignKey(op: Extract<Operation, { kind: 'create-index' }>, operations: readonly Operation[]): boolean {
  if (!op.index.unique) return false;
  return operations.some(
    (o) =>
      o.kind === 'add-foreign-key' &&
      o.foreignKey.referencedSchema === op.schema &&
      o.foreignKey.referencedTable === op.table &&
      o.foreignKey.referencedColumns.join('\u0000') === op.index.columns.join('\u0000'),
  );
}

/**
 * The safe rewrite of a diff into migration files. An index on a table that already
 * exists is built with CREATE INDEX CONCURRENTLY, which cannot run in a transaction; it
 * goes to a migration of its own that declares `transaction = false`, after the main one,
 * as Rails (disable_ddl_transaction!) and Alembic (autocommit_block) projects do. Keeping
 * everything else transactional means a failure there still rolls back cleanly, and the
 * index migration holds nothing but index builds, which a failure leaves easy to retry.
 * Indexes on tables created in the same diff stay plain: an empty table locks nobody.
 */
export function planMigrations(operations: readonly Operation[]): PlannedMigration[] {
  const created = new Set(operations.flatMap((op) => (op.kind === 'create-table' ? [`${op.table.schema}.${op.table.name}`] : [])));
  const main: Operation[] = [];
  const concurrent: Operation[] = [];
  for (const op of operations) {
    if (op.kind === 'create-index' && !created.has(tableOf(op)) && !neededByForeignKey(op, operations)) concurrent.push({ ...op, concurrently: true });
    else main.push(op);
  }
  const out: PlannedMigration[] = [];
  if (main.length > 0) out.push({ operations: main, transaction: true, suffix: '' });
  if (concurrent.length > 0) out.push({ operations: concurrent, transaction: false, suffix: main.length > 0 ? CONCURRENT_SUFFIX : '' });
  return out;
}
