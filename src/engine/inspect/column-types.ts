import { qualifiedKey } from '../model/schema-model';
import type { Queryable } from './queryable';
import { USER_SCHEMA } from '../model/catalog-queries';

/**
 * Every user table's column types as format_type() prints them, keyed by qualifiedKey then
 * column. One catalog query, whatever the number of tables.
 */
export async function columnTypes(db: Queryable): Promise<Map<string, Map<string, string>>> {
  const rows = (await db.query(
    `SELECT n.nspname AS "schema", c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type"
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        AND ${USER_SCHEMA}`,
  )) as { schema: string; table: string; column: string; type: string }[];
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const key = qualifiedKey({ schema: r.schema, name: r.table });
    let columns = out.get(key);
    if (!columns) out.set(key, (columns = new Map()));
    columns.set(r.column, r.type);
  }
  return out;
}
