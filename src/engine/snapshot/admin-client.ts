import type { Client } from 'pg';
import { DbManageError } from '../errors/db-manage-error';
import type { ResolvedConnection } from '../connection/resolve-connection';
import { databaseOf, withClient } from '../connection/with-client';

/**
 * A session on a maintenance database of the same server, never on the project's own
 * database: CREATE DATABASE … TEMPLATE and RENAME need the source free of sessions.
 */
export async function withAdminClient<T>(conn: ResolvedConnection, fn: (client: Client) => Promise<T>): Promise<T> {
  const own = databaseOf(conn.url);
  const candidates = ['postgres', 'template1'].filter((d) => d !== own);
  for (const [i, maintenance] of candidates.entries()) {
    try {
      return await withClient(conn, fn, maintenance);
    } catch (err) {
      const missing = err instanceof DbManageError && err.code === 'database-missing';
      if (!missing || i === candidates.length - 1) throw err;
    }
  }
  throw new DbManageError('internal', 'no maintenance database to connect to');
}
