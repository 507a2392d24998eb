import { adminQuery, dropDatabase, type BenchServer } from '../support/bench-servers';

/**
 * Databases at head, built once per server (untimed) and copied with CREATE DATABASE … TEMPLATE
 * before every revert run: each tool's own initial migration applied, plus one row.
 */
export const HEAD_TEMPLATES = { dbm: 'bench_head_dbm', typeorm: 'bench_head_typeorm' } as const;

/** The table that gets the row; entity 1 has no foreign keys, so the row needs no other. */
export const ROW_TABLE = 'entity_001';

interface RequiredColumn {
  readonly name: string;
  readonly type: string;
  readonly typtype: string;
  readonly category: string;
  readonly oid: number;
}

/** A literal of the column's type; enough for the handful of types the synthetic model uses. */
function valueFor(c: RequiredColumn): string {
  if (c.typtype === 'e') return `(SELECT enumlabel FROM pg_enum WHERE enumtypid = ${c.oid} ORDER BY enumsortorder LIMIT 1)::${c.type}`;
  if (c.category === 'A') return `'{}'::${c.type}`;
  if (c.type === 'uuid') return `gen_random_uuid()`;
  if (c.type === 'json' || c.type === 'jsonb') return `'{}'::${c.type}`;
  const byCategory: Record<string, string> = { S: `'bench'`, N: '0', B: 'true', D: `'2020-01-01'` };
  const literal = byCategory[c.category];
  if (!literal) throw new Error(`no sample value for ${ROW_TABLE}.${c.name} of type ${c.type}`);
  return `${literal}::${c.type}`;
}

/**
 * One row in entity_001, so reverting the initial migration loses data: only then does
 * db-manage's downgrade ask for --yes and take its automatic snapshot (empty tables drop freely).
 */
export async function putOneRow(server: BenchServer, db: string): Promise<void> {
  const url = server.urlOf(db);
  const columns = await adminQuery<RequiredColumn>(
    url,
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, t.typtype, t.typcategory AS category, t.oid::int AS oid
     FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
     WHERE a.attrelid = 'public.${ROW_TABLE}'::regclass AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' ORDER BY a.attnum`,
  );
  const names = columns.map((c) => `"${c.name.replace(/"/g, '""')}"`);
  const sql = names.length
    ? `INSERT INTO public.${ROW_TABLE} (${names.join(', ')}) VALUES (${columns.map(valueFor).join(', ')})`
    : `INSERT INTO public.${ROW_TABLE} DEFAULT VALUES`;
  await adminQuery(url, sql);
}

/**
 * The snapshot databases db-manage takes of `db` start with its first 12 characters (lower-cased,
 * other characters as `_`) and `__snap_`; the hash after them is not needed to find them.
 */
function snapshotStem(db: string): string {
  return `${db.toLowerCase().replace(/[^a-z0-9_]+/g, '_').slice(0, 12)}__snap_`;
}

export async function snapshotsOf(server: BenchServer, db: string): Promise<string[]> {
  const rows = await adminQuery<{ datname: string }>(server.adminUrl, `SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_%'`);
  return rows.map((r) => r.datname).filter((name) => name.startsWith(snapshotStem(db)));
}

/** Untimed, before a run: each automatic snapshot is then the first, with nothing to prune. */
export async function dropSnapshotsOf(server: BenchServer, db: string): Promise<void> {
  for (const name of await snapshotsOf(server, db)) await dropDatabase(server, name);
}
