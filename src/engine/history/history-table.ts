import type { DataSource } from 'typeorm';
import type { Queryable } from '../inspect/queryable';
import { qualify } from '../sql/quote';
import { bookkeepingTables } from './bookkeeping-tables';
import { compareRefs, type MigrationRef } from './migration-ref';

/** TypeORM's migrations table, wherever the data source puts it. */
export interface HistoryTable {
  readonly schema: string;
  readonly table: string;
  /** Quoted, schema-qualified, ready for SQL. */
  readonly qualified: string;
}

export function historyTable(ds: DataSource): HistoryTable {
  const { schema, name } = bookkeepingTables(ds).history;
  return { schema, table: name, qualified: qualify(schema, name) };
}

export async function historyTableExists(db: Queryable, h: HistoryTable): Promise<boolean> {
  const rows = (await db.query(`SELECT to_regclass($1) IS NOT NULL AS found`, [h.qualified])) as { found: boolean }[];
  return rows[0].found;
}

/** The applied migrations in the order they were recorded. */
export async function readApplied(db: Queryable, h: HistoryTable): Promise<MigrationRef[]> {
  if (!(await historyTableExists(db, h))) return [];
  const rows = (await db.query(`SELECT "name", "timestamp" FROM ${h.qualified} ORDER BY "id"`)) as { name: string; timestamp: string }[];
  return rows.map((r) => ({ name: r.name, timestamp: Number(r.timestamp) })).sort(compareRefs);
}
