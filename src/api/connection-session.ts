import { resolveConnection, type ResolvedConnection } from '../engine/connection/resolve-connection';
import { databaseOf } from '../engine/connection/with-client';
import type { ApiOptions } from './api-options';

/** The server and database, for commands that need no entities (snapshots, backups). */
export interface ConnectionSession {
  readonly cwd: string;
  readonly conn: ResolvedConnection;
  readonly database: string;
}

export async function openConnection(options: ApiOptions): Promise<ConnectionSession> {
  const cwd = options.cwd ?? process.cwd();
  const conn = await resolveConnection({ cwd, env: options.env });
  if (conn.serverAction !== 'none') options.onProgress?.({ kind: 'server', action: conn.serverAction });
  return { cwd, conn, database: databaseOf(conn.url) };
}

/** Runs `fn` as a progress step, so the CLI shows a spinner or a line with its time. */
export async function step<T>(options: ApiOptions, label: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  options.onProgress?.({ kind: 'step', phase: 'start', label });
  try {
    const value = await fn();
    options.onProgress?.({ kind: 'step', phase: 'done', label, ms: Date.now() - started });
    return value;
  } catch (err) {
    options.onProgress?.({ kind: 'step', phase: 'fail', label, ms: Date.now() - started });
    throw err;
  }
}
