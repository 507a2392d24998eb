import type { Queryable } from './queryable';
import { USER_SCHEMA } from '../model/catalog-queries';

/**
 * A deterministic text image of every user schema, in PostgreSQL's own words
 * (format_type, pg_get_expr, pg_get_constraintdef, pg_get_indexdef), independent of the
 * canonical model, so a round trip that ends where it began gives the same text.
 *
 * Columns are listed by name, not position: ADD COLUMN always appends, so a down() that
 * restores a dropped column cannot restore its position, and nothing should depend on it.
 */
export interface FingerprintOptions {
  /** Tables to leave out (with their serial id sequence), e.g. the history tables a runner creates on first use. */
  readonly ignoreTables?: readonly { readonly schema: string; readonly name: string }[];
}

const SCHEMA_FILTER = USER_SCHEMA;

const QUERIES: readonly { readonly kind: string; readonly sql: string }[] = [
  { kind: 'schema', sql: `SELECT n.nspname AS k, '' AS v FROM pg_namespace n WHERE ${SCHEMA_FILTER}` },
  { kind: 'extension', sql: `SELECT e.extname AS k, n.nspname AS v FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace` },
  {
    kind: 'enum',
    sql: `SELECT n.nspname || '.' || t.typname AS k, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) AS v
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
          WHERE ${SCHEMA_FILTER} GROUP BY 1`,
  },
  {
    kind: 'relation',
    sql: `SELECT n.nspname || '.' || c.relname AS k, c.relkind::text || CASE WHEN c.relkind IN ('v', 'm') THEN ' ' || pg_get_viewdef(c.oid) ELSE '' END AS v
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE ${SCHEMA_FILTER} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
  },
  {
    kind: 'column',
    sql: `SELECT n.nspname || '.' || c.relname || '.' || a.attname AS k,
            format_type(a.atttypid, a.atttypmod)
            || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
            || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
            || CASE WHEN a.attgenerated <> '' THEN ' generated ' || a.attgenerated::text ELSE '' END
            || COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
            || CASE WHEN a.attcollation <> t.typcollation THEN ' collate ' || a.attcollation::regcollation::text ELSE '' END AS v
          FROM pg_attribute a
          JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_type t ON t.oid = a.atttypid
          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE ${SCHEMA_FILTER} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped`,
  },
  {
    kind: 'comment',
    sql: `SELECT n.nspname || '.' || c.relname || COALESCE('.' || a.attname, '') AS k, d.description AS v
          FROM pg_description d
          JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace
          LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
          WHERE ${SCHEMA_FILTER}`,
  },
  {
    kind: 'constraint',
    sql: `SELECT n.nspname || '.' || c.relname || '.' || con.conname AS k, pg_get_constraintdef(con.oid) AS v
          FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE ${SCHEMA_FILTER}`,
  },
  {
    kind: 'index',
    sql: `SELECT n.nspname || '.' || c.relname || '.' || ic.relname AS k, pg_get_indexdef(i.indexrelid) AS v
          FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE ${SCHEMA_FILTER}`,
  },
];

/** One line per object, `kind key: definition`, sorted. */
export async function catalogFingerprint(db: Queryable, options: FingerprintOptions = {}): Promise<string> {
  const ignored = (options.ignoreTables ?? []).map((t) => `${t.schema}.${t.name}`);
  const isIgnored = (key: string) => ignored.some((t) => key === t || key.startsWith(`${t}.`) || key === `${t}_id_seq`);
  const lines: string[] = [];
  for (const q of QUERIES) {
    for (const row of (await db.query(q.sql)) as { k: string; v: string }[]) {
      if (q.kind !== 'schema' && q.kind !== 'extension' && isIgnored(row.k)) continue;
      lines.push(`${q.kind} ${row.k}${row.v ? `: ${row.v}` : ''}`);
    }
  }
  return lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('\n');
}
