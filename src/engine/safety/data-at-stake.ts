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

/** The table as the server resolves the name (search_path when unqualified); null when it does not exist. */
async function resolveTable(db: Queryable, name: TableName): Promise<Resolved | null> {
  const rows = (await db.query(
    `SELECT n.nspname AS schema, c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = to_regclass($1) AND c.relkind IN ('r', 'p')`,
    [name.schema ? qualify(name.schema, name.name) : quoteIdent(name.name)],
  )) as Resolved[];
  return rows[0] ?? null;
}

async function tablesOfSchemas(db: Queryable, schemas: readonly string[]): Promise<Resolved[]> {
  if (schemas.length === 0) return [];
  return (await db.query(
    `SELECT n.nspname AS schema, c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') ORDER BY 1, 2`,
    [schemas],
  )) as Resolved[];
}

async function columnExists(db: Queryable, t: Resolved, column: string): Promise<boolean> {
  const rows = (await db.query(
    `SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 AND attnum > 0 AND NOT attisdropped`,
    [qualify(t.schema, t.table), column],
  )) as unknown[];
  return rows.length > 0;
}

const count = async (db: Queryable, sql: string) => Number(((await db.query(sql)) as { n: string }[])[0].n);
const id = (t: Resolved) => JSON.stringify([t.schema, t.table]);

const byId = (a: Resolved, b: Resolved) => (id(a) < id(b) ? -1 : 1);

/**
 * The existing tables the drops touch, as the server resolves them: whole tables (named, or in
 * a dropped schema), then dropped columns of tables that stay.
 */
async function resolveDropped(db: Queryable, dropped: DroppedData): Promise<{ whole: Resolved[]; columns: { table: Resolved; column: string }[] }> {
  const whole = new Map<string, Resolved>();
  for (const t of await tablesOfSchemas(db, dropped.schemas)) whole.set(id(t), t);
  for (const name of dropped.tables) {
    const t = await resolveTable(db, name);
    if (t) whole.set(id(t), t);
  }
  const columns: { table: Resolved; column: string }[] = [];
  for (const c of dropped.columns) {
    const t = await resolveTable(db, c.table);
    if (t && !whole.has(id(t))) columns.push({ table: t, column: c.column });
  }
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
  const tables: PlannedTable[] = [];
  for (const t of whole) tables.push({ ...t, rows: await count(db, `SELECT count(*)::bigint AS n FROM ${qualify(t.schema, t.table)}`) });
  const columns: PlannedColumn[] = [];
  for (const { table: t, column } of droppedColumns) {
    if (!(await columnExists(db, t, column))) continue;
    const values = await count(db, `SELECT count(${quoteIdent(column)})::bigint AS n FROM ${qualify(t.schema, t.table)}`);
    columns.push({ ...t, column, values });
  }
  return { tables, columns };
}

/** True when a drop would lose at least one row or one non-null value. */
export function losesData(stake: DataAtStake): boolean {
  return stake.tables.some((t) => t.rows > 0) || stake.columns.some((c) => c.values > 0);
}
