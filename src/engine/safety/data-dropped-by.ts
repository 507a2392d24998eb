import { classify } from '../lint/sql/classify';

export interface DroppedData {
  /** Tables dropped or truncated whole, "schema.table" (schema omitted when the SQL omits it). */
  readonly tables: readonly string[];
  /** Columns dropped, "table.column". */
  readonly columns: readonly string[];
}

const nameOf = (t: { schema?: string; name: string }) => (t.schema ? `${t.schema}.${t.name}` : t.name);

/**
 * What a list of statements would destroy: the rows of dropped or truncated tables and
 * the values of dropped columns. Pure: it reads the SQL, nothing else. Used to decide
 * whether a downgrade is destructive before it runs.
 */
export function dataDroppedBy(statements: readonly string[]): DroppedData {
  const tables = new Set<string>();
  const columns = new Set<string>();
  for (const sql of statements) {
    if (/^\s*TRUNCATE\b/i.test(sql)) {
      const match = /^\s*TRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?([^\s;,(]+)/i.exec(sql);
      if (match) tables.add(match[1].replace(/"/g, ''));
      continue;
    }
    for (const { shape } of classify(sql).statements) {
      if (shape.kind === 'drop-table') for (const t of shape.tables) tables.add(nameOf(t));
      if (shape.kind === 'alter-table') {
        for (const action of shape.actions) if (action.kind === 'drop-column') columns.add(`${nameOf(shape.table)}.${action.column}`);
      }
    }
  }
  return { tables: [...tables].sort(), columns: [...columns].sort() };
}

export function dropsAnything(dropped: DroppedData): boolean {
  return dropped.tables.length > 0 || dropped.columns.length > 0;
}
