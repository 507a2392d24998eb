import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { InstanceChecker, MigrationExecutor } from 'typeorm';
import { bookkeepingTables, CHECKSUM_TABLE } from '../history/bookkeeping-tables';
import { historyTable, historyTableExists, type HistoryTable } from '../history/history-table';
import type { MigrationRef } from '../history/migration-ref';
import type { Queryable } from '../inspect/queryable';
import type { AppliedRevision } from '../revisions/revision-entry';
import { qualify, quoteIdent } from '../sql/quote';

/** Our own table, beside TypeORM's; the db_manage_ prefix keeps it out of every diff. */


/** TypeORM's history table and our checksum table beside it. */
export interface HistoryStore {
  readonly history: HistoryTable;
  /** Quoted, schema-qualified name of the checksum table. */
  readonly checksums: string;
}

/** The method of TypeORM's executor we reuse, so the history table is exactly TypeORM's. */
interface ExecutorInternals {
  createMigrationsTableIfNotExist(runner: QueryRunner): Promise<void>;
}

export function historyStore(ds: DataSource): HistoryStore {
  const history = historyTable(ds);
  return { history, checksums: qualify(history.schema, CHECKSUM_TABLE) };
}

function executor(ds: DataSource, runner: QueryRunner): ExecutorInternals {
  return new MigrationExecutor(ds, runner) as unknown as ExecutorInternals;
}

/**
 * Creates the history table as TypeORM's MigrationExecutor does (so `runMigrations()` keeps
 * working) and our checksum table.
 */
export async function ensureHistoryTables(ds: DataSource, runner: QueryRunner, store: HistoryStore): Promise<void> {
  // TypeORM assumes the `schema` option's schema exists; a fresh database has only public.
  if (store.history.schema !== 'public' && !(await historyTableExists(runner, store.history))) {
    await runner.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(store.history.schema)}`);
  }
  await executor(ds, runner).createMigrationsTableIfNotExist(runner);
  if (!(await tableExists(runner, store.checksums))) {
    await runner.query(
      `CREATE TABLE ${store.checksums} ("name" character varying NOT NULL PRIMARY KEY, "checksum" character(64) NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE DEFAULT now())`,
    );
  }
}

/**
 * TypeORM's metadata table, when the entities have generated columns or views, as its
 * MigrationExecutor makes it before running migrations (their rows go there). Asked only
 * when migrations about to run name the table (TypeORM's and db-manage's generated
 * migrations write its rows with the name spelled out): deciding needs the entity metadata,
 * the one thing running migrations otherwise does not build.
 */
export async function ensureTypeormMetadataTable(ds: DataSource, runner: QueryRunner, migrations: readonly MigrationInterface[]): Promise<void> {
  const table = bookkeepingTables(ds).metadata.name;
  const named = migrations.some((m) => `${String(m.up)}\n${String(m.down)}`.includes(table));
  if (!named) return;
  const schemaBuilder = ds.driver.createSchemaBuilder();
  if (InstanceChecker.isRdbmsSchemaBuilder(schemaBuilder)) await schemaBuilder.createMetadataTableIfNecessary(runner);
}

async function tableExists(db: Queryable, qualified: string): Promise<boolean> {
  const rows = (await db.query('SELECT to_regclass($1) IS NOT NULL AS "found"', [qualified])) as { found: boolean }[];
  return rows[0].found;
}

/** The applied migrations with what we recorded about them; empty before the first run. */
export async function readAppliedRevisions(db: Queryable, store: HistoryStore): Promise<AppliedRevision[]> {
  if (!(await historyTableExists(db, store.history))) return [];
  const withChecksums = await tableExists(db, store.checksums);
  const sql = withChecksums
    ? `SELECT h."name", h."timestamp", c."checksum", c."applied_at" FROM ${store.history.qualified} h LEFT JOIN ${store.checksums} c ON c."name" = h."name" ORDER BY h."id"`
    : `SELECT h."name", h."timestamp", NULL AS "checksum", NULL AS "applied_at" FROM ${store.history.qualified} h ORDER BY h."id"`;
  const rows = (await db.query(sql)) as { name: string; timestamp: string; checksum: string | null; applied_at: Date | null }[];
  return rows.map((r) => ({
    name: r.name,
    timestamp: Number(r.timestamp),
    checksum: r.checksum,
    appliedAt: r.applied_at ? new Date(r.applied_at).toISOString() : null,
  }));
}

/**
 * Records a migration as applied: TypeORM's row and our checksum, in the caller's transaction.
 * The row is the one TypeORM's MigrationExecutor writes; written here as plain SQL, since
 * TypeORM's query builder would look the table up among the entity metadata and so build it.
 */
export async function recordApplied(runner: QueryRunner, store: HistoryStore, ref: MigrationRef, checksum: string | null): Promise<void> {
  await runner.query(`INSERT INTO ${store.history.qualified} ("timestamp", "name") VALUES ($1, $2)`, [ref.timestamp, ref.name]);
  if (checksum !== null) {
    await runner.query(
      `INSERT INTO ${store.checksums} ("name", "checksum", "applied_at") VALUES ($1, $2, now()) ON CONFLICT ("name") DO UPDATE SET "checksum" = EXCLUDED."checksum", "applied_at" = EXCLUDED."applied_at"`,
      [ref.name, checksum],
    );
  }
}

/** Forgets a migration: TypeORM's row (as its MigrationExecutor deletes it) and our checksum. */
export async function recordReverted(runner: QueryRunner, store: HistoryStore, ref: MigrationRef): Promise<void> {
  await runner.query(`DELETE FROM ${store.history.qualified} WHERE "timestamp" = $1 AND "name" = $2`, [ref.timestamp, ref.name]);
  await runner.query(`DELETE FROM ${store.checksums} WHERE "name" = $1`, [ref.name]);
}

/** Trusts a file as it is now, keeping the time it was applied (unknown for adopted rows). */
export async function saveChecksum(runner: QueryRunner, store: HistoryStore, name: string, checksum: string): Promise<void> {
  await runner.query(
    `INSERT INTO ${store.checksums} ("name", "checksum", "applied_at") VALUES ($1, $2, NULL) ON CONFLICT ("name") DO UPDATE SET "checksum" = EXCLUDED."checksum"`,
    [name, checksum],
  );
}
