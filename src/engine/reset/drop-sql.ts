import { qualify } from '../sql/quote';
import type { ManagedEnum, ManagedTable } from '../safety/managed-objects';

const tableList = (tables: readonly ManagedTable[]) => tables.map((t) => qualify(t.schema, t.table)).join(', ');

/**
 * One DROP for all the tables, so keys among them need no ordering, and no CASCADE:
 * anything else that depends on them (a view) makes PostgreSQL refuse instead of
 * silently taking it along.
 */
export function dropTablesSql(tables: readonly ManagedTable[]): string[] {
  return tables.length === 0 ? [] : [`DROP TABLE ${tableList(tables)}`];
}

export function dropEnumsSql(enums: readonly ManagedEnum[]): string[] {
  return enums.length === 0 ? [] : [`DROP TYPE ${enums.map((e) => qualify(e.schema, e.name)).join(', ')}`];
}

export function truncateSql(tables: readonly ManagedTable[]): string[] {
  return tables.length === 0 ? [] : [`TRUNCATE ${tableList(tables)} RESTART IDENTITY`];
}
