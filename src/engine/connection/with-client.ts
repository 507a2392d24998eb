import { Client } from 'pg';
import { connectError } from './connect-error';
import type { ResolvedConnection } from './resolve-connection';

const CONNECT_TIMEOUT_MS = 10_000;

/** Opens one plain pg session for `fn` and always closes it. */
export async function withClient<T>(conn: ResolvedConnection, fn: (client: Client) => Promise<T>, database?: string): Promise<T> {
  const url = database ? withDatabase(conn.url, database) : conn.url;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'db-manage' });
  // An idle error after a server restart must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw connectError(url, err, conn.kind, conn.source);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}
