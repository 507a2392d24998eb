import { Client } from 'pg';
import { catalogFingerprint } from '../../src/api/engine';

/** The catalog and every row of a database, as text that two equal databases share exactly. */
export interface DatabaseFingerprint {
  readonly catalog: string;
  /** One line per table: its name and an md5 of its rows in a canonical order. */
  readonly data: string;
}

/**
 * The runner's own tables hold ids and times that differ between two databases at the
 * same revision; their content is compared by name and checksum only.
 */
const CANONICAL_CONTENT: Readonly<Record<string, string>> = {
  'public.migrations': `SELECT "timestamp"::text || ' ' || "name" AS r FROM "public"."migrations"`,
  'public.db_manage_checksums': `SELECT "name" || ' ' || "checksum" AS r FROM "public"."db_manage_checksums"`,
};

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function databaseFingerprint(url: string): Promise<DatabaseFingerprint> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const catalog = await catalogFingerprint({ query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows });
    const tables = (
      await client.query<{ schema: string; name: string }>(
        `SELECT schemaname AS schema, tablename AS name FROM pg_tables
         WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'pg\\_%' ORDER BY 1, 2`,
      )
    ).rows;
    const lines: string[] = [];
    for (const t of tables) {
      const key = `${t.schema}.${t.name}`;
      const rows = CANONICAL_CONTENT[key] ?? `SELECT t::text AS r FROM ${q(t.schema)}.${q(t.name)} t`;
      const [row] = (await client.query<{ n: number; h: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS h FROM (${rows}) s`)).rows;
      lines.push(`${key}: ${row.n} rows ${row.h}`);
    }
    return { catalog, data: lines.join('\n') };
  } finally {
    await client.end();
  }
}
