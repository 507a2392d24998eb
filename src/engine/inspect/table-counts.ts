import { qualify } from '../sql/quote';
import type { Queryable } from './queryable';
import { USER_SCHEMA } from '../model/catalog-queries';

export interface TableCount {
  readonly schema: string;
  readonly table: string;
  readonly rows: number;
}

const USER_TABLES = `
  SELECT n.nspname AS schema, c.relname AS table
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND ${USER_SCHEMA}
  ORDER BY 1, 2`;

/** Exact row counts of every user table, in one round trip, sorted by schema and table. */
export async function tableCounts(db: Queryable, schemas?: readonly string[]): Promise<TableCount[]> {
  let tables = (await db.query(USER_TABLES)) as { schema: string; table: string }[];
  if (schemas) tables = tables.filter((t) => schemas.includes(t.schema));
  if (tables.length === 0) return [];
  const sql = tables
    .map((t, i) => `SELECT ${i} AS i, count(*)::bigint AS n FROM ${qualify(t.schema, t.table)}`)
    .join(' UNION ALL ');
  const counts = new Map<number, number>();
  for (const row of (await db.query(sql)) as { i: number; n: string }[]) counts.set(Number(row.i), Number(row.n));
  return tables.map((t, i) => ({ schema: t.schema, table: t.table, rows: counts.get(i) ?? 0 }));
}
