import type { Queryable } from '../../inspect/queryable';
import { quoteIdent } from '../../sql/quote';
import { qualifiedKey, sealModel, type ColumnModel, type SchemaModel } from '../schema-model';
import { canonicalDefault } from './canonical-default';

/**
 * PostgreSQL rewrites a default expression when it stores it (casts added, `COALESCE`
 * and `||` re-spelt, parentheses moved), and no set of hand rules keeps up with it. So a
 * desired default that differs from the stored one is handed to the server: it stores it
 * on a scratch column of the same type, inside a transaction that is rolled back, and
 * prints it with pg_get_expr exactly as it prints the real column's default. When the two
 * prints agree, the database already has what the entity says.
 */

interface Candidate {
  readonly table: string;
  readonly column: string;
  readonly type: string;
  readonly desired: string;
  readonly stored: string;
}

const PROBE = 'db_manage_default_probe';

function candidates(desired: SchemaModel, actual: SchemaModel): Candidate[] {
  const actualTables = new Map(actual.tables.map((t) => [qualifiedKey(t), t]));
  const out: Candidate[] = [];
  for (const d of desired.tables) {
    const a = actualTables.get(qualifiedKey(d));
    if (!a) continue;
    const actualColumns = new Map(a.columns.map((c) => [c.name, c]));
    for (const dc of d.columns) {
      const ac = actualColumns.get(dc.name);
      if (!ac || dc.type !== ac.type || dc.default === null || ac.default === null || dc.default === ac.default) continue;
      if (dc.generated || dc.expression !== null) continue;
      out.push({ table: qualifiedKey(d), column: dc.name, type: dc.type, desired: dc.default, stored: ac.default });
    }
  }
  return out;
}

interface ProbeRow {
  name: string;
  default_sql: string | null;
  backslash_escapes: boolean;
}

const READ_PROBE = `
  SELECT a.attname AS name, pg_get_expr(ad.adbin, ad.adrelid) AS default_sql,
    current_setting('standard_conforming_strings') = 'off' AS backslash_escapes
  FROM pg_attrdef ad JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
  WHERE ad.adrelid = $1::regclass`;

/** Stores each expression on a scratch column; one statement for all, then one per column if that fails. */
async function probe(db: Queryable, list: readonly Candidate[]): Promise<Map<number, string | null>> {
  const out = new Map<number, string | null>();
  const create = (name: string, items: readonly [number, Candidate][]) =>
    `CREATE TEMP TABLE ${quoteIdent(name)} (${items.map(([i, c]) => `${quoteIdent(`c${i}`)} ${c.type} DEFAULT ${c.desired}`).join(', ')}) ON COMMIT DROP`;
  const read = async (name: string) => {
    for (const row of (await db.query(READ_PROBE, [`pg_temp.${quoteIdent(name)}`])) as ProbeRow[]) {
      const c = list[Number(row.name.slice(1))];
      out.set(Number(row.name.slice(1)), canonicalDefault(row.default_sql, c.type, { backslashEscapes: row.backslash_escapes }));
    }
  };
  const indexed = list.map((c, i) => [i, c] as [number, Candidate]);
  await db.query('SAVEPOINT db_manage_probe_all');
  try {
    await db.query(create(PROBE, indexed));
    await read(PROBE);
    return out;
  } catch {
    await db.query('ROLLBACK TO SAVEPOINT db_manage_probe_all');
  }
  // One bad expression (a function that does not exist yet) must not hide the others.
  for (const item of indexed) {
    const name = `${PROBE}_${item[0]}`;
    await db.query('SAVEPOINT db_manage_probe_one');
    try {
      await db.query(create(name, [item]));
      await read(name);
    } catch {
      await db.query('ROLLBACK TO SAVEPOINT db_manage_probe_one');
    }
  }
  return out;
}

/**
 * `desired` with each default the server would store exactly as the database already
 * stores it replaced by the stored spelling, so compare finds nothing there. `db` must be
 * one connection (a QueryRunner): the probe runs in its own transaction, always rolled
 * back, and leaves nothing behind. If the server refuses (a read-only standby), nothing
 * changes and the hand-written canonical forms decide.
 */
export async function serverCanonicalDefaults(db: Queryable, desired: SchemaModel, actual: SchemaModel): Promise<SchemaModel> {
  const list = candidates(desired, actual);
  if (list.length === 0) return desired;
  let stored: Map<number, string | null>;
  try {
    await db.query('BEGIN');
    try {
      stored = await probe(db, list);
    } finally {
      await db.query('ROLLBACK');
    }
  } catch {
    return desired;
  }
  const settled = new Map<string, string>();
  list.forEach((c, i) => {
    if (stored.get(i) === c.stored) settled.set(`${c.table}\u0000${c.column}`, c.stored);
  });
  if (settled.size === 0) return desired;
  const column = (table: string, c: ColumnModel): ColumnModel => {
    const same = settled.get(`${table}\u0000${c.name}`);
    return same === undefined ? c : { ...c, default: same };
  };
  return sealModel({ ...desired, tables: desired.tables.map((t) => ({ ...t, columns: t.columns.map((c) => column(qualifiedKey(t), c)) })) });
}
