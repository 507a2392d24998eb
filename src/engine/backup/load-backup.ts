import type { Client } from 'pg';
import { databaseOwner, dropDatabase, serverMajor } from '../snapshot/clone-database';
import { dropStaleIncoming, swapDatabase, transientName, type SwapResult } from '../snapshot/swap-database';
import { quoteIdent } from '../sql/quote';
import type { BackupFormat } from './backup-file';
import { libpqEnv } from './libpq-env';
import type { PgTool } from './pg-tool';
import { runTool } from './run-tool';

export interface LoadRequest {
  readonly url: string;
  readonly target: string;
  readonly file: string;
  readonly format: BackupFormat;
  readonly tool: PgTool;
}

/** pg_restore reads a -d value containing "=" as a connection string; quoting keeps it a name. */
export function conninfoDbname(database: string): string {
  return `dbname='${database.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function toolArgs(request: LoadRequest, database: string): string[] {
  if (request.format === 'custom') {
    // Owners and grants name roles that may not exist here; the objects go to the connecting user.
    return ['--dbname', conninfoDbname(database), '--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', request.file];
  }
  return ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', request.file];
}

/**
 * Loads the dump into a fresh database and swaps it in for the target only when the
 * load succeeded: a broken dump leaves the user's database exactly as it was.
 */
export async function loadBackup(client: Client, request: LoadRequest): Promise<SwapResult> {
  await dropStaleIncoming(client, request.target);
  const incoming = transientName(request.target, 'in');
  const owner = await databaseOwner(client, request.target);
  await client.query(`CREATE DATABASE ${quoteIdent(incoming)} TEMPLATE template0${owner ? ` OWNER ${quoteIdent(owner)}` : ''}`);
  try {
    await runTool(request.tool, toolArgs(request, incoming), libpqEnv(request.url, incoming));
    return await swapDatabase(client, incoming, request.target);
  } catch (err) {
    await dropDatabase(client, incoming, await serverMajor(client)).catch(() => undefined);
    throw err;
  }
}
