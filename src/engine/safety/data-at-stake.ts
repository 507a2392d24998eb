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

/**
 * Counts, exactly, what the drops would take: the rows of each dropped table (and of every
 * table in a dropped schema) and the non-null values of each dropped column. Objects that do
 * not exist are left out; so is a column whose whole table goes anyway. Read-only.
 */
export async function dataAtStake(db: Queryable, dropped: DroppedData): Promise<DataAtStake> {
  const whole = new Map<string, Resolved>();
  for (const t of await tablesOfSchemas(db, dropped.schemas)) whole.set(id(t), t);
  for (const name of dropped.tables) {
    const t = await resolveTable(db, name);
    if (t) whole.set(id(t), t);
  }
  const tables: PlannedTable[] = [];
  for (const t of [...whole.values()].sort((a, b) => (id(a) < id(b) ? -1 : 1))) {
    tables.push({ ...t, rows: await count(db, `SELECT count(*)::bigint AS n FROM ${qualify(t.schema, t.table)}`) });
  }
  const columns: PlannedColumn[] = [];
  for (const c of dropped.columns) {
    const t = await resolveTable(db, c.table);
    if (!t || whole.has(id(t)) || !(await columnExists(db, t, c.column))) continue;
    const values = await count(db, `SELECT count(${quoteIdent(c.column)})::bigint AS n FROM ${qualify(t.schema, t.table)}`);
    columns.push({ ...t, column: c.column, values });
  }
  return { tables, columns };
}

/**
 * Locks every existing table the drops touch (ACCESS EXCLUSIVE, as the drop itself will), so
 * a count taken next stays true until the transaction ends. Inside a transaction only.
 */
export async function lockDropped(db: Queryable, dropped: DroppedData): Promise<void> {
  const tables = new Map<string, Resolved>();
  for (const t of await tablesOfSchemas(db, dropped.schemas)) tables.set(id(t), t);
  for (const name of [...dropped.tables, ...dropped.columns.map((c) => c.table)]) {
    const t = await resolveTable(db, name);
    if (t) tables.set(id(t), t);
  }
  if (tables.size === 0) return;
  const list = [...tables.values()].sort((a, b) => (id(a) < id(b) ? -1 : 1)).map((t) => qualify(t.schema, t.table));
  await db.query(`LOCK TABLE ${list.join(', ')} IN ACCESS EXCLUSIVE MODE`);
}

/** True when a drop would lose at least one row or one non-null value. */
export function losesData(stake: DataAtStake): boolean {
  return stake.tables.some((t) => t.rows > 0) || stake.columns.some((c) => c.values > 0);
}
