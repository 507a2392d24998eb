import { droppedSchemas, shapeOf } from '../lint/sql/classify';
import type { TableName } from '../lint/sql/shape';
import { parseTrees } from '../sql/pg-parser';

/** A column a statement drops; the table's schema is absent when the SQL leaves it to search_path. */
export interface DroppedColumn {
  readonly table: TableName;
  readonly column: string;
}

export interface DroppedData {
  /** Tables dropped or truncated whole. */
  readonly tables: readonly TableName[];
  /** Columns dropped. */
  readonly columns: readonly DroppedColumn[];
  /** Schemas dropped (with CASCADE, every table in them goes too). */
  readonly schemas: readonly string[];
}

const key = (t: TableName) => JSON.stringify([t.schema ?? null, t.name]);

function unique<T>(items: readonly T[], id: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    const k = id(item);
    if (!seen.has(k)) seen.set(k, item);
  }
  // Sorted by id, each id computed once.
  return [...seen.keys()].sort().map((k) => seen.get(k) as T);
}

/**
 * What a list of statements would destroy if the data were there: dropped or truncated
 * tables, dropped columns, dropped schemas, as PostgreSQL's parser reads the SQL. Pure: whether
 * anything is actually lost depends on the rows (see dataAtStake).
 */
export function dataDroppedBy(statements: readonly string[]): DroppedData {
  const tables: TableName[] = [];
  const columns: DroppedColumn[] = [];
  const schemas: string[] = [];
  for (const text of statements) {
    for (const statement of parseTrees(text)) {
      const shape = shapeOf(statement);
      if (shape.kind === 'drop-table' || shape.kind === 'truncate') tables.push(...shape.tables);
      else if (shape.kind === 'alter-table') {
        for (const action of shape.actions) if (action.kind === 'drop-column') columns.push({ table: shape.table, column: action.column });
      }
      schemas.push(...droppedSchemas(statement));
    }
  }
  return {
    tables: unique(tables, key),
    columns: unique(columns, (c) => `${key(c.table)}${JSON.stringify(c.column)}`),
    schemas: unique(schemas, (s) => s),
  };
}

/** Everything several lists of statements drop, each read once (see dataDroppedBy). */
export function mergeDropped(parts: readonly DroppedData[]): DroppedData {
  return {
    tables: unique(parts.flatMap((p) => p.tables), key),
    columns: unique(parts.flatMap((p) => p.columns), (c) => `${key(c.table)}${JSON.stringify(c.column)}`),
    schemas: unique(parts.flatMap((p) => p.schemas), (s) => s),
  };
}

export function dropsAnything(dropped: DroppedData): boolean {
  return dropped.tables.length > 0 || dropped.columns.length > 0 || dropped.schemas.length > 0;
}
