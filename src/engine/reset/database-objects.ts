import type { Queryable } from '../inspect/queryable';
import type { ManagedEnum, ManagedTable } from '../safety/managed-objects';

/** Something in a schema the entities use that they do not define; resets leave it alone. */
export interface DatabaseObject {
  readonly schema: string;
  readonly name: string;
  readonly kind: string;
}

/**
 * Relations, standalone types and functions in `schemas`, except the parts of tables
 * (owned sequences, row types, array types) and what extensions installed.
 */
export async function objectsInSchemas(db: Queryable, schemas: readonly string[]): Promise<DatabaseObject[]> {
  if (schemas.length === 0) return [];
  return (await db.query(
    `WITH ext AS (SELECT objid, classid FROM pg_depend WHERE deptype = 'e')
     SELECT n.nspname AS schema, c.relname AS name,
            CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence'
                           WHEN 'f' THEN 'foreign table' ELSE 'table' END AS kind
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
       AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
     UNION ALL
     SELECT n.nspname, t.typname, CASE t.typtype WHEN 'e' THEN 'enum type' WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type' ELSE 'type' END
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = ANY($1) AND t.typtype IN ('e', 'd', 'r', 'c') AND t.typelem = 0
       AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
       AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
       AND NOT EXISTS (SELECT 1 FROM pg_range r WHERE r.rngmultitypid = t.oid)
     UNION ALL
     SELECT n.nspname, p.proname, CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = ANY($1) AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
     ORDER BY 1, 2, 3`,
    [schemas],
  )) as DatabaseObject[];
}

/** The objects that are not in `managed` (tables and enums the entities own, plus history tables). */
export function unmanagedObjects(
  objects: readonly DatabaseObject[],
  tables: readonly ManagedTable[],
  enums: readonly ManagedEnum[],
): DatabaseObject[] {
  const owned = new Set([...tables.map((t) => `table:${t.schema}.${t.table}`), ...enums.map((e) => `enum type:${e.schema}.${e.name}`)]);
  return objects.filter((o) => !owned.has(`${o.kind}:${o.schema}.${o.name}`));
}

export function existingTables(objects: readonly DatabaseObject[], tables: readonly ManagedTable[]): ManagedTable[] {
  const present = new Set(objects.filter((o) => o.kind === 'table').map((o) => `${o.schema}.${o.name}`));
  return tables.filter((t) => present.has(`${t.schema}.${t.table}`));
}

export function existingEnums(objects: readonly DatabaseObject[], enums: readonly ManagedEnum[]): ManagedEnum[] {
  const present = new Set(objects.filter((o) => o.kind === 'enum type').map((o) => `${o.schema}.${o.name}`));
  return enums.filter((e) => present.has(`${e.schema}.${e.name}`));
}

/** Views and materialized views built on the given tables: dropping the tables would take them along. */
export async function dependentViews(db: Queryable, tables: readonly ManagedTable[]): Promise<DatabaseObject[]> {
  if (tables.length === 0) return [];
  return (await db.query(
    `SELECT DISTINCT vn.nspname AS schema, v.relname AS name, CASE v.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END AS kind
     FROM pg_depend d
     JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
     JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace vn ON vn.oid = v.relnamespace
     JOIN pg_class t ON d.refclassid = 'pg_class'::regclass AND d.refobjid = t.oid JOIN pg_namespace tn ON tn.oid = t.relnamespace
     WHERE (tn.nspname || '.' || t.relname) = ANY($1::text[]) AND v.oid <> t.oid
     ORDER BY 1, 2`,
    [tables.map((t) => `${t.schema}.${t.table}`)],
  )) as DatabaseObject[];
}

/** Enum types among `enums` that a column of a table outside `tables` uses (directly or as an array). */
export async function enumsUsedOutside(db: Queryable, enums: readonly ManagedEnum[], tables: readonly ManagedTable[]): Promise<DatabaseObject[]> {
  if (enums.length === 0) return [];
  const rows = (await db.query(
    `SELECT DISTINCT tn.nspname AS type_schema, ty.typname AS type_name, cn.nspname AS schema, c.relname AS name
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p', 'v', 'm', 'f') JOIN pg_namespace cn ON cn.oid = c.relnamespace
     JOIN pg_type at ON at.oid = a.atttypid
     JOIN pg_type ty ON ty.oid = CASE WHEN at.typelem <> 0 THEN at.typelem ELSE at.oid END
     JOIN pg_namespace tn ON tn.oid = ty.typnamespace
     WHERE a.attnum > 0 AND NOT a.attisdropped AND (tn.nspname || '.' || ty.typname) = ANY($1::text[])`,
    [enums.map((e) => `${e.schema}.${e.name}`)],
  )) as { type_schema: string; type_name: string; schema: string; name: string }[];
  const inside = new Set(tables.map((t) => `${t.schema}.${t.table}`));
  return rows
    .filter((r) => !inside.has(`${r.schema}.${r.name}`))
    .map((r) => ({ schema: r.type_schema, name: r.type_name, kind: `enum type used by ${r.schema}.${r.name}` }));
}
