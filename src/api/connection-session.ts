import { existsSync } from 'node:fs';
import { resolveConnection, type ResolvedConnection } from '../engine/connection/resolve-connection';
import { findDataSource } from '../engine/project/find-data-source';
import { loadDataSource } from '../engine/project/load-data-source';
import { databaseOf } from '../engine/connection/with-client';
import type { ApiOptions } from './api-options';

/** The server and database, for commands that need no entities (snapshots, backups). */
export interface ConnectionSession {
  readonly cwd: string;
  readonly conn: ResolvedConnection;
  readonly database: string;
}

/**
 * The server the project's commands use: these commands need no entities, but they must
 * reach the same database as the others, so a data source that names a server decides here too.
 */
export async function resolveProjectServer(options: ApiOptions): Promise<ResolvedConnection> {
  const cwd = options.cwd ?? process.cwd();
  const found = options.url ? null : findDataSource(cwd, options.datasource, options.env);
  const dataSource = found && existsSync(found.file) ? (await loadDataSource(cwd, options.datasource, options.env)).options : undefined;
  return resolveConnection({ cwd, env: options.env, url: options.url, dataSource });
}

export async function openConnection(options: ApiOptions): Promise<ConnectionSession> {
  const cwd = options.cwd ?? process.cwd();
  const conn = await resolveProjectServer(options);
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
