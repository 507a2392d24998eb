import { USER_SCHEMA } from '../model/catalog-queries';
import type { Queryable } from './queryable';

export interface UnmanagedSchema {
  readonly schema: string;
  readonly tables: number;
}

/**
 * Schemas outside `managed` that hold tables of their own (user schemas, as the diff's catalog
 * reader counts them, not an extension's): the diff does not look at them, and says so.
 */
export async function unmanagedSchemas(db: Queryable, managed: readonly string[]): Promise<UnmanagedSchema[]> {
  const rows = (await db.query(
    `SELECT n.nspname AS schema, count(*)::int AS tables
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname <> ALL ($1::text[])
        AND ${USER_SCHEMA}
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
      GROUP BY n.nspname ORDER BY n.nspname`,
    [managed],
  )) as UnmanagedSchema[];
  return rows;
}
