import { Client, Pool } from 'pg';
import { databaseOf, withDatabase } from '../engine/connection/with-client';
import { DbManageError } from '../engine/errors/db-manage-error';
import { rowsOf } from '../engine/inspect/queryable';
import { objectsInSchemas, userSchemas, type CatalogObject } from '../engine/reset/database-objects';
import { quoteIdent } from '../engine/sql/quote';
import { cloneTemplate } from '../engine/test-database/template-store';
import { testDatabaseName } from '../engine/test-database/template-names';
import type { ProjectSession } from './project-session';
import { ensureMigrationsTemplate } from './test-database';

/** What the project's migrations make, read from a database they built from nothing. */
export interface MigrationsReference {
  readonly objects: readonly CatalogObject[];
  readonly schemas: readonly string[];
}

/**
 * The objects a fresh database gets from the migrations alone: the test-database
 * template, read through a throwaway clone (a template takes no connections). Anything
 * in the live database that matches one of them was made by a migration, and a reset
 * must drop it, or replaying that migration fails on "already exists".
 */
export async function migrationsReference(session: ProjectSession): Promise<MigrationsReference> {
  const pool = new Pool({ connectionString: withDatabase(session.conn.url, 'postgres'), max: 2, allowExitOnIdle: true, idleTimeoutMillis: 1000 });
  pool.on('error', () => undefined);
  const scratch = testDatabaseName(databaseOf(session.conn.url));
  let cloned = false;
  try {
    const template = await ensureMigrationsTemplate(session, pool);
    await cloneTemplate(pool, template, scratch);
    cloned = true;
    const client = new Client({ connectionString: withDatabase(session.conn.url, scratch) });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const db = rowsOf(client);
      const schemas = await userSchemas(db);
      return { schemas, objects: await objectsInSchemas(db, schemas) };
    } finally {
      await client.end().catch(() => undefined);
    }
  } catch (err) {
    if (err instanceof DbManageError && err.code === 'migration-failed') {
      throw new DbManageError('migration-failed', `reset needs the migrations to build a database from nothing, and they cannot: ${err.message}`, {
        cause: err,
        hint: 'Fix that migration first (reset would fail the same way). Nothing was changed',
        details: err.details,
      });
    }
    if (err instanceof DbManageError) throw err;
    const message = String((err as Error)?.message ?? err).split('\n')[0];
    throw new DbManageError('connection-failed', `reset could not build a database from the migrations to compare with: ${message}`, {
      cause: err,
      hint: 'reset creates a scratch database (the test-database template and a clone of it); the user needs CREATEDB. Nothing was changed',
    });
  } finally {
    if (cloned) await pool.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`).catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}
