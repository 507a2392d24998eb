import { Client } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { connectionTarget, type TargetOptions } from '../config/connection-target';
import type { EmbeddedSettings } from '../config/embedded-settings';
import { ensureEmbeddedServer } from '../server/embedded-server';
import { quoteIdent } from '../sql/quote';
import { assertValidUrl, connectError } from './connect-error';
import { dataSourceServer } from './data-source-server';
import { databaseOf, withDatabase } from './with-client';

/** A server that is known to be up, with the URL of the project's database. */
export interface ResolvedConnection {
  readonly kind: 'embedded' | 'external';
  readonly url: string;
  readonly embedded?: EmbeddedSettings;
  /** What had to happen first: the embedded server may have been started or created. */
  readonly serverAction: 'none' | 'started' | 'initialised';
  /** Which setting chose this server, strongest first: --url, the data source, DATABASE_URL, the embedded default. */
  readonly source: ConnectionSource;
}

export type ConnectionSource = '--url' | 'data source' | 'DATABASE_URL' | '.env DATABASE_URL' | 'embedded';

export interface ConnectionChoice extends TargetOptions {
  /** A URL given for one command (`--url`); it overrides everything else. */
  readonly url?: string;
  /** The project's data source: the server it names wins over DATABASE_URL, as with TypeORM's CLI. */
  readonly dataSource?: DataSourceOptions;
}

/**
 * Decides which server to use and makes it reachable: starts the embedded server when
 * needed and creates its database on first use. External servers are used as they are.
 */
export async function resolveConnection(options: ConnectionChoice = {}): Promise<ResolvedConnection> {
  const named = options.url ?? (options.dataSource && dataSourceServer(options.dataSource));
  if (named) {
    assertValidUrl(named);
    return { kind: 'external', url: named, serverAction: 'none', source: options.url ? '--url' : 'data source' };
  }
  const target = connectionTarget(options);
  if (target.kind === 'external') {
    assertValidUrl(target.url);
    return { kind: 'external', url: target.url, serverAction: 'none', source: target.source === 'environment' ? 'DATABASE_URL' : '.env DATABASE_URL' };
  }
  const ensured = await ensureEmbeddedServer(target.settings);
  const conn: ResolvedConnection = { kind: 'embedded', url: ensured.url, embedded: target.settings, serverAction: ensured.action, source: 'embedded' };
  if (ensured.action !== 'none') await createDatabaseIfMissing(conn);
  return conn;
}

/** The embedded server's database is ours to create; an external one never is. */
export async function createDatabaseIfMissing(conn: ResolvedConnection): Promise<void> {
  const name = databaseOf(conn.url);
  const admin = new Client({ connectionString: withDatabase(conn.url, 'postgres'), connectionTimeoutMillis: 10_000 });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created concurrently
      });
    }
  } catch (err) {
    throw connectError(conn.url, err, conn.kind, conn.source);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
