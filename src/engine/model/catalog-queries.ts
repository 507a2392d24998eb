/**
 * The catalog queries behind `catalogModel`: a fixed handful, whatever the number of
 * tables (TypeORM issues two per enum or array column). Each takes the schema list as $1.
 * Objects that belong to an extension (PostGIS's spatial_ref_sys, citext's functions) are
 * left out: the extension owns them, not the entities.
 */

/** A user schema (alias `n` for pg_namespace): not PostgreSQL's own, nor db-manage's snapshot/bookkeeping ones. */
export const USER_SCHEMA = `n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'db\\_manage\\_%'`;

/** Schemas that are not PostgreSQL's own, nor db-manage's snapshot/bookkeeping schemas. */
export const USER_SCHEMAS_SQL = `
  SELECT n.nspname AS name
  FROM pg_namespace n
  WHERE ${USER_SCHEMA}
  ORDER BY 1`;

export const EXTENSIONS_SQL = `SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`;

const NOT_EXTENSION_MEMBER = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${catalog}'::regclass AND dep.objid = ${oid} AND dep.deptype = 'e')`;

export const ENUMS_SQL = `
  SELECT n.nspname AS schema, t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_enum e ON e.enumtypid = t.oid
  WHERE n.nspname = ANY($1::text[]) AND ${NOT_EXTENSION_MEMBER('pg_type', 't.oid')}
  GROUP BY n.nspname, t.typname`;

const MANAGED_TABLES = `
  SELECT c.oid, n.nspname AS schema, c.relname AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY($1::text[])
    AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`;

export const TABLES_SQL = `
  WITH managed AS (${MANAGED_TABLES})
  SELECT oid::int8 AS oid, schema, name, obj_description(oid, 'pg_class') AS comment FROM managed`;

export const COLUMNS_SQL = `
  WITH managed AS (${MANAGED_TABLES})
  SELECT a.attrelid::int8 AS table_oid, a.attname AS name,
    format_type(a.atttypid, a.atttypmod) AS formatted,
    et.typtype = 'e' AS is_enum, t.typcategory = 'A' AS is_array,
    etn.nspname AS type_schema, et.typname AS type_name,
    NOT a.attnotnull AS nullable, pg_get_expr(ad.adbin, ad.adrelid) AS default_sql,
    current_setting('standard_conforming_strings') = 'off' AS backslash_escapes,
    a.attidentity AS identity, a.attgenerated AS generated, col_description(a.attrelid, a.attnum) AS comment,
    CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN
      (SELECT CASE WHEN cn.nspname IN ('pg_catalog', 'public') THEN co.collname ELSE cn.nspname || '.' || co.collname END
       FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END AS collation,
    -- refclassid and classid let pg_depend's indexes serve the lookup (without them it is a
    -- scan of pg_depend per column: seconds at a few thousand columns).
    (SELECT s.relname FROM pg_depend sd JOIN pg_class s ON s.oid = sd.objid AND s.relkind = 'S'
     WHERE sd.refclassid = 'pg_class'::regclass AND sd.refobjid = a.attrelid AND sd.refobjsubid = a.attnum
       AND sd.classid = 'pg_class'::regclass AND sd.deptype IN ('a', 'i') LIMIT 1) AS sequence_name,
    m.name AS table_name
  FROM pg_attribute a
  JOIN managed m ON m.oid = a.attrelid
  JOIN pg_type t ON t.oid = a.atttypid
  JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
  JOIN pg_namespace etn ON etn.oid = et.typnamespace
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  WHERE a.attnum > 0 AND NOT a.attisdropped
  ORDER BY a.attrelid, a.attnum`;

const COLUMN_NAMES = (keys: string, rel: string) => `ARRAY(
      SELECT att.attname::text FROM unnest(${keys}) WITH ORDINALITY k(attnum, ord)
      JOIN pg_attribute att ON att.attrelid = ${rel} AND att.attnum = k.attnum ORDER BY k.ord)`;

export const CONSTRAINTS_SQL = `
  WITH managed AS (${MANAGED_TABLES})
  SELECT con.conrelid::int8 AS table_oid, con.conname AS name, con.contype AS type,
    ${COLUMN_NAMES('con.conkey', 'con.conrelid')} AS columns,
    fn.nspname AS ref_schema, fc.relname AS ref_table,
    ${COLUMN_NAMES('con.confkey', 'con.confrelid')} AS ref_columns,
    con.confdeltype AS on_delete, con.confupdtype AS on_update,
    con.condeferrable AS deferrable, con.condeferred AS deferred,
    pg_get_constraintdef(con.oid) AS definition
  FROM pg_constraint con
  JOIN managed m ON m.oid = con.conrelid
  LEFT JOIN pg_class fc ON fc.oid = con.confrelid
  LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
  WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')`;

/**
 * TypeORM's GENERATED_COLUMN rows, as its own diff reads them (same database), for the
 * stored generated columns that exist: a row for a dropped column is not consulted by anyone.
 * $1 the schemas, $2 the metadata table (regclass text); no rows when it does not exist.
 */
export const GENERATED_RECORDS_SQL = (table: string) => `
  WITH managed AS (${MANAGED_TABLES})
  SELECT DISTINCT ON (m.schema, m.name, a.attname) m.schema, m.name AS table, a.attname AS column, r.value
  FROM ${table} r
  JOIN managed m ON m.schema = r.schema AND m.name = r.table
  JOIN pg_attribute a ON a.attrelid = m.oid AND a.attname = r.name AND a.attgenerated = 's' AND NOT a.attisdropped
  WHERE r.type = 'GENERATED_COLUMN' AND r.database = current_database() AND r.value IS NOT NULL
  ORDER BY m.schema, m.name, a.attname`;

/** Indexes that no constraint owns (a primary key or unique constraint brings its own). */
export const INDEXES_SQL = `
  WITH managed AS (${MANAGED_TABLES})
  SELECT i.indrelid::int8 AS table_oid, ic.relname AS name, i.indisunique AS is_unique, am.amname AS method,
    ARRAY(
      SELECT CASE WHEN k.attnum = 0 THEN '(' || pg_get_indexdef(i.indexrelid, k.ord::int, true) || ')' ELSE att.attname::text END
      FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
      LEFT JOIN pg_attribute att ON att.attrelid = i.indrelid AND att.attnum = k.attnum
      WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS columns,
    pg_get_expr(i.indpred, i.indrelid) AS predicate
  FROM pg_index i
  JOIN managed m ON m.oid = i.indrelid
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_am am ON am.oid = ic.relam
  WHERE NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))`;
