import { quoteIdent } from '../sql/quote';
import { storedName } from '../model/stored-names';

/** A table the entities define, as PostgreSQL stores its name (at most 63 bytes). */
export interface ManagedTable {
  readonly schema: string;
  readonly table: string;
}

/** An enum type the entities' columns create. */
export interface ManagedEnum {
  readonly schema: string;
  readonly name: string;
}

/** Everything the entities own: the only things destructive commands may touch. */
export interface ManagedObjects {
  readonly schemas: readonly string[];
  readonly tables: readonly ManagedTable[];
  readonly enums: readonly ManagedEnum[];
}

/** The part of TypeORM's EntityMetadata we read; structural, so tests can pass literals. */
export interface EntityShape {
  readonly tableName: string;
  readonly schema?: string;
  readonly tableType: string;
  readonly columns: readonly { readonly databaseName: string; readonly type: unknown; readonly enumName?: string }[];
}

/** Table kinds that are real tables (views and abstract parents are not). */
const TABLE_TYPES = new Set(['regular', 'junction', 'closure', 'closure-junction', 'entity-child']);

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Reads schemas, tables and enum types from entity metadata. Enum names follow TypeORM's
 * rule: the column's enumName, or `<table>_<column>_enum`, in the table's schema.
 */
export function managedObjects(entities: readonly EntityShape[], defaultSchema = 'public'): ManagedObjects {
  const tables = new Map<string, ManagedTable>();
  const enums = new Map<string, ManagedEnum>();
  for (const entity of entities) {
    if (!TABLE_TYPES.has(entity.tableType)) continue;
    const schema = storedName(entity.schema || defaultSchema);
    const table = storedName(entity.tableName);
    tables.set(JSON.stringify([schema, table]), { schema, table });
    for (const column of entity.columns) {
      if (column.type !== 'enum' && column.type !== 'simple-enum') continue;
      const name = storedName(column.enumName ?? `${entity.tableName}_${column.databaseName.toLowerCase()}_enum`);
      enums.set(JSON.stringify([schema, name]), { schema, name });
    }
  }
  const sortedTables = [...tables.values()].sort((a, b) => byName(a.schema, b.schema) || byName(a.table, b.table));
  const sortedEnums = [...enums.values()].sort((a, b) => byName(a.schema, b.schema) || byName(a.name, b.name));
  const schemas = [...new Set(sortedTables.map((t) => t.schema))].sort(byName);
  return { schemas, tables: sortedTables, enums: sortedEnums };
}

/** How a table is shown to people: bare in the default schema, qualified elsewhere. */
export function displayName(t: ManagedTable, defaultSchema = 'public'): string {
  return t.schema === defaultSchema ? t.table : `${t.schema}.${t.table}`;
}

export function quotedTable(t: ManagedTable): string {
  return `${quoteIdent(t.schema)}.${quoteIdent(t.table)}`;
}
