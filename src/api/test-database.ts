import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ConnectionMetadataBuilder } from 'typeorm/connection/ConnectionMetadataBuilder';
import { projectVariables } from '../engine/config/connection-target';
import { connectError } from '../engine/connection/connect-error';
import { databaseOf, withDatabase } from '../engine/connection/with-client';
import { toolkitOptions, withDataSource } from '../engine/connection/with-data-source';
import { DbManageError } from '../engine/errors/db-manage-error';
import { loadLocalMigrations } from '../engine/runner/migration-sources';
import { runUpgrade } from '../engine/runner/run-upgrade';
import { quoteIdent } from '../engine/sql/quote';
import { claimSpare, pruneSpares, SparePool } from '../engine/test-database/spare-pool';
import { cloneTemplate, ensureTemplate, pruneTemplates } from '../engine/test-database/template-store';
import { familyPrefix, sparePrefix, templateName, testDatabaseName } from '../engine/test-database/template-names';
import type { ApiOptions } from './api-options';
import { openProject, type ProjectSession } from './project-session';

export interface TestDatabaseOptions extends ApiOptions {
  /**
   * Ready clones of the template kept on the server, so a call only claims one (a rename)
   * while the next is cloned in the background. Default 3, or DB_MANAGE_TEST_SPARES; 0 = off.
   */
  readonly spares?: number;
}

const DEFAULT_SPARES = 3;

/** A database of its own for a test (or a test file), migrated to head. */
export interface TestDatabase {
  readonly name: string;
  /** Connection URL, password included: hand it to the application under test. */
  readonly url: string;
  /** The template it was cloned from; the same migrations always give the same one. */
  readonly template: string;
  /** Removes the database, ending any session still on it. */
  drop(): Promise<void>;
}

interface Prepared {
  readonly session: ProjectSession;
  readonly pool: Pool;
  readonly template: string;
  readonly source: string;
  readonly spares: SparePool;
}

// One template check, one small pool and one spare filler per project per process: every
// call after the first costs a rename (a spare) or, with none ready, one CREATE DATABASE … TEMPLATE.
const prepared = new Map<string, Promise<Prepared>>();

/**
 * The migrations, read without connecting and without entity metadata: the template
 * depends on the migration files alone, and a test file should not pay for loading a
 * hundred entity classes just to find its template.
 */
export async function migrationFingerprints(session: ProjectSession) {
  const ds = new DataSource(toolkitOptions(session.loaded, session.conn));
  const listed = ds.options.migrations ?? [];
  const instances = await new ConnectionMetadataBuilder(ds).buildMigrations(Array.isArray(listed) ? listed : Object.values(listed));
  return loadLocalMigrations(instances).map((m) => ({ name: m.name, checksum: m.checksum }));
}

function spareCount(options: TestDatabaseOptions): number {
  const raw = options.spares ?? projectVariables({ cwd: options.cwd ?? process.cwd(), env: options.env }).DB_MANAGE_TEST_SPARES;
  if (raw === undefined || raw === '') return DEFAULT_SPARES;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new DbManageError('config-invalid', `spares must be a whole number ≥ 0, not ${String(raw)}: set DB_MANAGE_TEST_SPARES or the spares option`);
  return n;
}

/**
 * The project's template: a database built by running every migration on an empty one,
 * built once per set of migrations on a server (reset compares with it, too).
 */
export async function ensureMigrationsTemplate(session: ProjectSession, pool: Pool, onProgress?: ApiOptions['onProgress']): Promise<string> {
  const source = databaseOf(session.conn.url);
  const fingerprints = await migrationFingerprints(session);
  const template = templateName(source, fingerprints);
  const outcome = await ensureTemplate(pool, template, (database) =>
    withDataSource(session.loaded, { ...session.conn, url: withDatabase(session.conn.url, database) }, async (ds) => {
      await runUpgrade(ds, { onProgress });
    }),
  );
  if (outcome === 'built') {
    await pruneSpares(pool, familyPrefix(source, 'spare'), sparePrefix(source, fingerprints));
    await pruneTemplates(pool, familyPrefix(source, 'tpl'), template);
  }
  return template;
}

async function prepare(options: TestDatabaseOptions, size: number): Promise<Prepared> {
  const session = await openProject(options);
  const source = databaseOf(session.conn.url);
  const fingerprints = await migrationFingerprints(session);
  const prefix = sparePrefix(source, fingerprints);
  const adminUrl = withDatabase(session.conn.url, 'postgres');
  // allowExitOnIdle: an idle pool never keeps a test process alive.
  const pool = new Pool({ connectionString: adminUrl, max: 4, allowExitOnIdle: true, idleTimeoutMillis: 1000 });
  pool.on('error', () => undefined);
  let template: string;
  try {
    template = await ensureMigrationsTemplate(session, pool, options.onProgress);
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (err instanceof DbManageError) throw err;
    throw connectError(session.conn.url, err, session.conn.kind, session.conn.source);
  }
  const spares = new SparePool({ adminUrl, template, prefix, size });
  return { session, pool, template, source, spares };
}

/**
 * A fresh database migrated to head, for an application's tests. The first call builds a
 * template by running the migrations (once per set of migrations, on each server). A call
 * then claims a ready clone of it (a spare) by renaming it, and the pool clones the next
 * one in the background; with no spare left it clones the template itself.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const size = spareCount(options);
  const key = JSON.stringify([options.cwd ?? process.cwd(), options.datasource ?? '', options.env?.DATABASE_URL ?? '', options.env?.DB_MANAGE_PG_PORT ?? '', size]);
  let ready = prepared.get(key);
  if (!ready) {
    ready = prepare(options, size);
    prepared.set(key, ready);
    ready.catch(() => prepared.delete(key));
  }
  const { session, pool, template, source, spares } = await ready;
  const name = testDatabaseName(source);
  try {
    if (spares.settings.size === 0 || !(await claimSpare(pool, spares.settings.prefix, name))) await cloneTemplate(pool, template, name);
  } catch (err) {
    throw new DbManageError('snapshot-failed', `cannot create test database ${name} from ${template}: ${String((err as Error).message)}`, { cause: err });
  }
  void spares.topUp();
  return {
    name,
    url: withDatabase(session.conn.url, name),
    template,
    drop: async () => {
      await pool.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    },
  };
}
