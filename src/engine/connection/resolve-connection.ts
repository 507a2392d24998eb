import { Client } from 'pg';
import { connectionTarget, type TargetOptions } from '../config/connection-target';
import type { EmbeddedSettings } from '../config/embedded-settings';
import { ensureEmbeddedServer } from '../server/embedded-server';
import { quoteIdent } from '../sql/quote';
import { assertValidUrl, connectError } from './connect-error';
import { databaseOf, withDatabase } from './with-client';

/** A server that is known to be up, with the URL of the project's database. */
export interface ResolvedConnection {
  readonly kind: 'embedded' | 'external';
  readonly url: string;
  readonly embedded?: EmbeddedSettings;
  /** What had to happen first: the embedded server may have been started or created. */
  readonly serverAction: 'none' | 'started' | 'initialised';
}

/**
 * Decides which server to use and makes it reachable: starts the embedded server when
 * needed and creates its database on first use. External servers are used as they are.
 */
export async function resolveConnection(options: TargetOptions = {}): Promise<ResolvedConnection> {
  const target = connectionTarget(options);
  if (target.kind === 'external') {
    assertValidUrl(target.url);
    return { kind: 'external', url: target.url, serverAction: 'none' };
  }
  const ensured = await ensureEmbeddedServer(target.settings);
  const conn: ResolvedConnection = { kind: 'embedded', url: ensured.url, embedded: target.settings, serverAction: ensured.action };
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
    throw connectError(conn.url, err, conn.kind);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
