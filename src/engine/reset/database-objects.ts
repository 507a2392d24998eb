import type { Queryable } from '../inspect/queryable';
import type { ManagedEnum, ManagedTable } from '../safety/managed-objects';
import { USER_SCHEMA } from '../model/catalog-queries';

/** Something in the database a reset drops or leaves alone, as people see it. */
export interface DatabaseObject {
  readonly schema: string;
  readonly name: string;
  readonly kind: string;
}

/** A DatabaseObject with what it takes to drop it: routines are told apart by their arguments. */
export interface CatalogObject extends DatabaseObject {
  /** A routine's argument types (pg_get_function_identity_arguments); '' for the rest. */
  readonly args: string;
}

/** The same object in two databases: kind, schema, name and arguments, never a dotted string. */
export const objectKey = (o: { kind: string; schema: string; name: string; args?: string }) => JSON.stringify([o.kind, o.schema, o.name, o.args ?? '']);

/** (schema, name) as one comparable value; "a"."b.c" and "a.b"."c" stay apart. */
export const pairKey = (schema: string, name: string) => JSON.stringify([schema, name]);

/** How a catalog object is shown: a routine with its arguments. */
export const shown = (o: CatalogObject): DatabaseObject => ({ schema: o.schema, name: o.args === '' && !/function|procedure|aggregate/.test(o.kind) ? o.name : `${o.name}(${o.args})`, kind: o.kind });

/** Schemas of the user's own objects: not the system's, not db-manage's snapshots. */
export async function userSchemas(db: Queryable): Promise<string[]> {
  const rows = (await db.query(
    `SELECT n.nspname AS name FROM pg_namespace n WHERE ${USER_SCHEMA} ORDER BY 1`,
  )) as { name: string }[];
  return rows.map((r) => r.name);
}

/**
 * Relations, standalone types and routines in `schemas`, except the parts of tables
 * (owned sequences, row types, array types), partitions and what extensions installed.
 */
export async function objectsInSchemas(db: Queryable, schemas: readonly string[]): Promise<CatalogObject[]> {
  if (schemas.length === 0) return [];
  return (await db.query(
    `WITH ext AS (SELECT objid, classid FROM pg_depend WHERE deptype = 'e')
     SELECT n.nspname AS schema, c.relname AS name,
            CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence'
                           WHEN 'f' THEN 'foreign table' ELSE 'table' END AS kind, '' AS args
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
       AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
     UNION ALL
     SELECT n.nspname, t.typname, CASE t.typtype WHEN 'e' THEN 'enum type' WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type' ELSE 'type' END, ''
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = ANY($1) AND t.typtype IN ('e', 'd', 'r', 'c') AND t.typelem = 0
       AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
       AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
       AND NOT EXISTS (SELECT 1 FROM pg_range r WHERE r.rngmultitypid = t.oid)
     UNION ALL
     SELECT n.nspname, p.proname, CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
            pg_get_function_identity_arguments(p.oid)
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = ANY($1) AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
     ORDER BY 1, 2, 3, 4`,
    [schemas],
  )) as CatalogObject[];
}

/** The objects that are not in `keep` (tables and enums the entities own, plus history tables). */
export function unmanagedObjects<T extends DatabaseObject>(objects: readonly T[], tables: readonly ManagedTable[], enums: readonly ManagedEnum[]): T[] {
  const owned = new Set([...tables.map((t) => objectKey({ kind: 'table', schema: t.schema, name: t.table })), ...enums.map((e) => objectKey({ kind: 'enum type', ...e }))]);
  return objects.filter((o) => !owned.has(objectKey({ kind: o.kind, schema: o.schema, name: o.name })));
}

export function existingTables(objects: readonly DatabaseObject[], tables: readonly ManagedTable[]): ManagedTable[] {
  const present = new Set(objects.filter((o) => o.kind === 'table').map((o) => pairKey(o.schema, o.name)));
  return tables.filter((t) => present.has(pairKey(t.schema, t.table)));
}

export function existingEnums(objects: readonly DatabaseObject[], enums: readonly ManagedEnum[]): ManagedEnum[] {
  const present = new Set(objects.filter((o) => o.kind === 'enum type').map((o) => pairKey(o.schema, o.name)));
  return enums.filter((e) => present.has(pairKey(e.schema, e.name)));
}

/** `(schema, name) IN (…)` for pairs passed as two text arrays in $1 and $2. */
export const PAIRS = 'SELECT * FROM unnest($1::text[], $2::text[])';
export const pairParams = (pairs: readonly { schema: string; name: string }[]) => [pairs.map((p) => p.schema), pairs.map((p) => p.name)];

/** Views and materialized views built on the given tables: dropping the tables would take them along. */
export async function dependentViews(db: Queryable, tables: readonly ManagedTable[], alsoDropped: readonly DatabaseObject[] = []): Promise<DatabaseObject[]> {
  if (tables.length === 0) return [];
  const rows = (await db.query(
    `SELECT DISTINCT vn.nspname AS schema, v.relname AS name, CASE v.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END AS kind
     FROM pg_depend d
     JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
     JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace vn ON vn.oid = v.relnamespace
     JOIN pg_class t ON d.refclassid = 'pg_class'::regclass AND d.refobjid = t.oid JOIN pg_namespace tn ON tn.oid = t.relnamespace
     WHERE (tn.nspname, t.relname) IN (${PAIRS}) AND v.oid <> t.oid
     ORDER BY 1, 2`,
    pairParams(tables.map((t) => ({ schema: t.schema, name: t.table }))),
  )) as DatabaseObject[];
  const dropped = new Set(alsoDropped.map((o) => objectKey(o)));
  return rows.filter((v) => !dropped.has(objectKey(v)));
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
     WHERE a.attnum > 0 AND NOT a.attisdropped AND (tn.nspname, ty.typname) IN (${PAIRS})`,
    pairParams(enums),
  )) as { type_schema: string; type_name: string; schema: string; name: string }[];
  const inside = new Set(tables.map((t) => pairKey(t.schema, t.table)));
  return rows
    .filter((r) => !inside.has(pairKey(r.schema, r.name)))
    .map((r) => ({ schema: r.type_schema, name: r.type_name, kind: `enum type used by ${r.schema}.${r.name}` }));
}
