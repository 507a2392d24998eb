import { Client } from 'pg';
import { adminQuery } from './test-cluster';

/** An application's session with an open transaction that holds some lock. */
export interface LockHolder {
  readonly pid: number;
  readonly application: string;
  /** Ends the transaction (commit) and the session. */
  release(): Promise<void>;
}

/** Opens a session named `application`, begins, runs `sql` (which takes the lock) and keeps the transaction open. */
export async function holdLock(url: string, sql: string, application: string): Promise<LockHolder> {
  const client = new Client({ connectionString: url, application_name: application });
  client.on('error', () => undefined);
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  await client.query('BEGIN');
  await client.query(sql);
  return {
    pid: rows[0].pid,
    application,
    release: async () => {
      await client.query('COMMIT').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

/** Sessions of db-manage still on the server, and any session waiting for a lock on `database`. */
export async function leftOnServer(adminUrl: string, database: string): Promise<{ dbManage: number; waiting: number }> {
  const [row] = await adminQuery<{ d: number; w: number }>(
    adminUrl,
    `SELECT count(*) FILTER (WHERE application_name = 'db-manage')::int AS d, count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS w
     FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [database],
  );
  return { dbManage: row.d, waiting: row.w };
}

/** Polls until nothing of db-manage is left on the server (a killed client's session may take a moment to end). */
export async function settle(adminUrl: string, database: string, withinMs = 5000): Promise<{ dbManage: number; waiting: number }> {
  const until = Date.now() + withinMs;
  for (;;) {
    const left = await leftOnServer(adminUrl, database);
    if ((left.dbManage === 0 && left.waiting === 0) || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}
