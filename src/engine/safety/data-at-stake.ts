import type { Queryable } from '../inspect/queryable';
import type { TableName } from '../lint/sql/shape';
import type { DroppedData } from './data-dropped-by';
import type { PlannedColumn, PlannedTable } from './destruction-plan';
import { qualify, quoteIdent } from '../sql/quote';

/** The rows and values a drop would lose right now, by resolved schema and name. */
export interface DataAtStake {
  readonly tables: readonly PlannedTable[];
  readonly columns: readonly PlannedColumn[];
}

interface Resolved {
  readonly schema: string;
  readonly table: string;
}

/** The name as to_regclass reads it: quoted parts, the search path deciding an unqualified one. */
const regclassText = (name: TableName) => (name.schema ? qualify(name.schema, name.name) : quoteIdent(name.name));

/**
 * Each table as the server resolves its name (search_path when unqualified), in one round
 * trip; null for a name that is not an existing table.
 */
async function resolveTables(db: Queryable, names: readonly TableName[]): Promise<(Resolved | null)[]> {
  if (names.length === 0) return [];
  const rows = (await db.query(
    `SELECT x.i::int AS i, n.nspname AS schema, c.relname AS table
       FROM unnest($1::text[]) WITH ORDINALITY AS x(name, i)
       JOIN pg_class c ON c.oid = to_regclass(x.name) AND c.relkind IN ('r', 'p')
       JOIN pg_namespace n ON n.oid = c.relnamespace`,
    [names.map(regclassText)],
  )) as (Resolved & { i: number })[];
  const out: (Resolved | null)[] = names.map(() => null);
  for (const r of rows) out[r.i - 1] = { schema: r.schema, table: r.table };
  return out;
}

async function tablesOfSchemas(db: Queryable, schemas: readonly string[]): Promise<Resolved[]> {
  if (schemas.length === 0) return [];
  return (await db.query(
    `SELECT n.nspname AS schema, c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') ORDER BY 1, 2`,
    [schemas],
  )) as Resolved[];
}

/** Which of the columns exist, in one round trip. */
async function existingColumns(db: Queryable, columns: readonly { table: Resolved; column: string }[]): Promise<boolean[]> {
  if (columns.length === 0) return [];
  const rows = (await db.query(
    `SELECT x.i::int AS i FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(rel, col, i)
       JOIN pg_attribute a ON a.attrelid = to_regclass(x.rel) AND a.attname = x.col AND a.attnum > 0 AND NOT a.attisdropped`,
    [columns.map((c) => qualify(c.table.schema, c.table.table)), columns.map((c) => c.column)],
  )) as { i: number }[];
  const found = new Set(rows.map((r) => r.i - 1));
  return columns.map((_, k) => found.has(k));
}

/** Counts per query: one round trip counts this many tables or columns. */
const COUNTS_PER_QUERY = 100;

/** Each `count(…) FROM table` expression's value, a hundred to a round trip. */
async function counts(db: Queryable, expressions: readonly string[]): Promise<number[]> {
  const out: number[] = [];
  for (let at = 0; at < expressions.length; at += COUNTS_PER_QUERY) {
    const part = expressions.slice(at, at + COUNTS_PER_QUERY);
    const row = ((await db.query(`SELECT ${part.map((e, k) => `(SELECT ${e})::bigint AS c${k}`).join(', ')}`)) as Record<string, string>[])[0];
    out.push(...part.map((_, k) => Number(row[`c${k}`])));
  }
  return out;
}

const id = (t: Resolved) => JSON.stringify([t.schema, t.table]);

const byId = (a: Resolved, b: Resolved) => (id(a) < id(b) ? -1 : 1);

/**
 * The existing tables the drops touch, as the server resolves them: whole tables (named, or in
 * a dropped schema), then dropped columns of tables that stay.
 */
async function resolveDropped(db: Queryable, dropped: DroppedData): Promise<{ whole: Resolved[]; columns: { table: Resolved; column: string }[] }> {
  const whole = new Map<string, Resolved>();
  for (const t of await tablesOfSchemas(db, dropped.schemas)) whole.set(id(t), t);
  // Dropped tables and the tables of dropped columns, resolved in one round trip.
  const resolved = await resolveTables(db, [...dropped.tables, ...dropped.columns.map((c) => c.table)]);
  for (const t of resolved.slice(0, dropped.tables.length)) if (t) whole.set(id(t), t);
  const columns: { table: Resolved; column: string }[] = [];
  const owners = resolved.slice(dropped.tables.length);
  dropped.columns.forEach((c, k) => {
    const t = owners[k];
    if (t && !whole.has(id(t))) columns.push({ table: t, column: c.column });
  });
  return { whole: [...whole.values()].sort(byId), columns };
}

export interface DataAtStakeOptions {
  /**
   * Lock every table the drops touch first (ACCESS EXCLUSIVE, as the drop itself will), so the
   * counts stay true until the transaction ends. Inside a transaction only.
   */
  readonly lock?: boolean;
}

/**
 * Counts, exactly, what the drops would take: the rows of each dropped table (and of every
 * table in a dropped schema) and the non-null values of each dropped column. Objects that do
 * not exist are left out; so is a column whose whole table goes anyway. Read-only unless asked to lock.
 */
export async function dataAtStake(db: Queryable, dropped: DroppedData, options: DataAtStakeOptions = {}): Promise<DataAtStake> {
  const { whole, columns: droppedColumns } = await resolveDropped(db, dropped);
  if (options.lock) {
    const touched = new Map([...whole, ...droppedColumns.map((c) => c.table)].map((t) => [id(t), t]));
    const list = [...touched.values()].sort(byId).map((t) => qualify(t.schema, t.table));
    if (list.length > 0) await db.query(`LOCK TABLE ${list.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  }
  const rows = await counts(db, whole.map((t) => `count(*) FROM ${qualify(t.schema, t.table)}`));
  const tables: PlannedTable[] = whole.map((t, k) => ({ ...t, rows: rows[k] }));
  const exists = await existingColumns(db, droppedColumns);
  const kept = droppedColumns.filter((_, k) => exists[k]);
  const values = await counts(db, kept.map(({ table: t, column }) => `count(${quoteIdent(column)}) FROM ${qualify(t.schema, t.table)}`));
  const columns: PlannedColumn[] = kept.map(({ table: t, column }, k) => ({ ...t, column, values: values[k] }));
  return { tables, columns };
}

/** True when a drop would lose at least one row or one non-null value. */
export function losesData(stake: DataAtStake): boolean {
  return stake.tables.some((t) => t.rows > 0) || stake.columns.some((c) => c.values > 0);
}
