import { compare } from '../diff/compare';
import { describeOperation } from '../diff/describe';
import type { Operation } from '../diff/operations';
import { toSql } from '../diff/to-sql';
import { DbManageError } from '../errors/db-manage-error';
import type { Queryable } from '../inspect/queryable';
import type { SchemaModel } from '../model/schema-model';

/** Operations that only add: a rebuild must never alter or remove what it did not drop. */
const ADDITIVE: ReadonlySet<Operation['kind']> = new Set<Operation['kind']>([
  'create-schema',
  'create-extension',
  'create-enum',
  'create-table',
  'create-index',
  'add-primary-key',
  'add-unique',
  'add-check',
  'add-exclusion',
  'add-foreign-key',
  'record-generated',
]);

/**
 * What recreates the dropped objects exactly as they were: the diff from the catalog
 * after the drop back to the catalog before it. Reading the catalog, not the entities,
 * keeps the database at the revision its history records.
 */
export function rebuildOperations(before: SchemaModel, after: SchemaModel): readonly Operation[] {
  const ops = compare(before, after);
  const foreign = ops.filter((op) => !ADDITIVE.has(op.kind));
  if (foreign.length > 0) {
    throw new DbManageError('internal', `the rebuild would also change objects it did not drop: ${foreign.map(describeOperation).join('; ')}`, {
      hint: 'Nothing was changed (the transaction was rolled back). Please report this',
    });
  }
  return ops;
}

export async function runOperations(db: Queryable, ops: readonly Operation[]): Promise<void> {
  for (const op of ops) for (const sql of toSql(op)) await db.query(sql);
}
