import type { Operation } from '../diff/operations';
import { toSql } from '../diff/to-sql';
import { quoteLiteral } from '../sql/quote';

/** One migration file to write: its operations, and whether it runs inside a transaction. */
export interface PlannedMigration {
  readonly operations: readonly Operation[];
  readonly transaction: boolean;
  /** Appended to the message for the class and file name; '' for the main migration. */
  readonly suffix: string;
  /** Why this file is apart from the main one, for its comment; null for the main migration. */
  readonly note: string | null;
}

export const CONCURRENT_SUFFIX = 'concurrently';
export const VALIDATE_SUFFIX = 'validate foreign keys';
export const ENUM_VALUES_SUFFIX = 'enum values';

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
 * PostgreSQL refuses to use an enum value in the transaction that added it ("unsafe use
 * of new value"): a default, a CHECK or an index predicate naming it fails. When any
 * other operation's SQL mentions an added value, the ADD VALUEs go to a migration of
 * their own that runs, and commits, first. A false match only costs an extra file.
 */
function enumValuesUsedLater(operations: readonly Operation[]): boolean {
  const added = operations.flatMap((op) => (op.kind === 'add-enum-value' ? [quoteLiteral(op.value)] : []));
  if (added.length === 0) return false;
  const rest = operations.filter((op) => op.kind !== 'add-enum-value').flatMap(toSql);
  return rest.some((sql) => added.some((literal) => sql.includes(literal)));
}

/**
 * The safe rewrite of a diff into migration files. An index on a table that already
 * exists is built with CREATE INDEX CONCURRENTLY, which cannot run in a transaction; it
 * goes to a migration of its own that declares `transaction = false`, after the main one,
 * as Rails (disable_ddl_transaction!) and Alembic (autocommit_block) projects do. Keeping
 * everything else transactional means a failure there still rolls back cleanly, and the
 * index migration holds nothing but index builds, which a failure leaves easy to retry.
 * Indexes on tables created in the same diff stay plain: an empty table locks nobody.
 * Likewise a foreign key on an existing table is added NOT VALID (a brief lock, no scan)
 * and validated by the next migration, in a transaction of its own, where the scan blocks
 * no writes (strong_migrations' and squawk's advice).
 */
export function planMigrations(operations: readonly Operation[]): PlannedMigration[] {
  const created = new Set(operations.flatMap((op) => (op.kind === 'create-table' ? [`${op.table.schema}.${op.table.name}`] : [])));
  const splitEnums = enumValuesUsedLater(operations);
  const enumValues: Operation[] = [];
  const main: Operation[] = [];
  const validations: Operation[] = [];
  const concurrent: Operation[] = [];
  for (const op of operations) {
    if (splitEnums && op.kind === 'add-enum-value') enumValues.push(op);
    else if (op.kind === 'create-index' && !created.has(tableOf(op)) && !neededByForeignKey(op, operations)) concurrent.push({ ...op, concurrently: true });
    else if (op.kind === 'add-foreign-key' && !created.has(tableOf(op))) {
      main.push({ ...op, notValid: true });
      validations.push({ kind: 'validate-foreign-key', schema: op.schema, table: op.table, foreignKey: op.foreignKey });
    } else main.push(op);
  }
  const out: PlannedMigration[] = [];
  if (enumValues.length > 0) out.push({ operations: enumValues, transaction: true, suffix: ENUM_VALUES_SUFFIX, note: 'new enum values, committed before the next migration uses them' });
  if (main.length > 0) out.push({ operations: main, transaction: true, suffix: '', note: null });
  if (validations.length > 0) {
    out.push({ operations: validations, transaction: true, suffix: VALIDATE_SUFFIX, note: 'foreign keys checked against existing rows, in a transaction of their own after the one that added them' });
  }
  if (concurrent.length > 0) {
    const alone = main.length === 0 && enumValues.length === 0;
    out.push({ operations: concurrent, transaction: false, suffix: alone ? '' : CONCURRENT_SUFFIX, note: alone ? null : 'indexes built concurrently' });
  }
  return out;
}
