import type { Client } from 'pg';
import { DbManageError } from '../errors/db-manage-error';
import { quoteIdent } from '../sql/quote';

const ATTEMPTS = 5;
const OBJECT_IN_USE = '55006';
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ends every other session on `database`; returns how many there were. */
export async function terminateSessions(client: Client, database: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()
     ) t`,
    [database],
  );
  return rows[0].n;
}

export async function databaseExists(client: Client, database: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  return (rowCount ?? 0) > 0;
}

export async function databaseOwner(client: Client, database: string): Promise<string | null> {
  const { rows } = await client.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [database]);
  return rows[0]?.owner ?? null;
}

/**
 * Runs `step` after ending the sessions on `busy`, again if a session sneaks back in
 * between (an application's pool reconnects). Returns the sessions ended in total.
 */
export async function whileFree(client: Client, busy: string, step: () => Promise<void>): Promise<number> {
  let ended = 0;
  for (let attempt = 1; ; attempt++) {
    ended += await terminateSessions(client, busy);
    try {
      await step();
      return ended;
    } catch (err) {
      if ((err as { code?: string }).code !== OBJECT_IN_USE || attempt >= ATTEMPTS) throw err;
      await pause(100 * attempt);
    }
  }
}

export interface CloneRequest {
  readonly source: string;
  readonly target: string;
  /** Owner of the copy; defaults to the source's owner so a restore keeps ownership. */
  readonly owner?: string | null;
}

/** CREATE DATABASE target TEMPLATE source: a file-level copy, no client tools needed. */
export async function cloneDatabase(client: Client, request: CloneRequest): Promise<{ terminated: number }> {
  const owner = request.owner === undefined ? await databaseOwner(client, request.source) : request.owner;
  const ownerClause = owner ? ` OWNER ${quoteIdent(owner)}` : '';
  const sql = `CREATE DATABASE ${quoteIdent(request.target)} TEMPLATE ${quoteIdent(request.source)}${ownerClause}`;
  try {
    const terminated = await whileFree(client, request.source, async () => {
      await client.query(sql);
    });
    return { terminated };
  } catch (err) {
    throw cloneError(err, request);
  }
}

function cloneError(err: unknown, request: CloneRequest): DbManageError {
  const e = err as { code?: string; message?: string };
  const base = `cannot copy database ${request.source} to ${request.target}: ${String(e.message ?? err)}`;
  // Two copies to one name at once: the loser meets the winner's row in pg_database (H19).
  if (e.code === DUPLICATE_DATABASE || (e.code === UNIQUE_VIOLATION && /pg_database_datname_index/.test(String(e.message)))) {
    return new DbManageError('snapshot-exists', `database ${request.target} already exists`, { cause: err, details: { database: request.target } });
  }
  if (e.code === OBJECT_IN_USE) {
    return new DbManageError('snapshot-failed', base, { cause: err, hint: 'Other sessions keep reconnecting to it; stop the application and try again' });
  }
  if (e.code === '42501') {
    return new DbManageError('snapshot-failed', base, { cause: err, hint: 'The database user needs CREATEDB and must own the source database' });
  }
  return new DbManageError('snapshot-failed', base, { cause: err });
}

export async function dropDatabase(client: Client, database: string, serverMajor: number): Promise<void> {
  // WITH (FORCE) (PostgreSQL 13+) ends stray sessions in the same step.
  const force = serverMajor >= 13 ? ' WITH (FORCE)' : '';
  await whileFree(client, database, async () => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}${force}`);
  });
}

export async function serverMajor(client: Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT current_setting('server_version_num')::int AS n`);
  return Math.floor(Number(rows[0].n) / 10000);
}
