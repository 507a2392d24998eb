import type { DataSource } from 'typeorm';
import { resolveConnection, type ResolvedConnection } from '../engine/connection/resolve-connection';
import { withDataSource, type DataSourceUse } from '../engine/connection/with-data-source';
import { loadDataSource, type LoadedDataSource } from '../engine/project/load-data-source';
import { readProjectConfig, type ProjectConfig } from '../engine/project/project-config';
import { forTenantSchema } from '../engine/project/tenant-schema';
import type { ApiOptions } from './api-options';

/** Everything a command needs about the project, resolved once. */
export interface ProjectSession {
  readonly cwd: string;
  readonly conn: ResolvedConnection;
  readonly loaded: LoadedDataSource;
  /** package.json "db-manage". */
  readonly config: ProjectConfig;
}

/** Resolves the server (starting the embedded one if needed), then loads the data source. */
export async function openProject(options: ApiOptions): Promise<ProjectSession> {
  const cwd = options.cwd ?? process.cwd();
  // The data source first: a configuration error must not start (or wait for) a server.
  const config = readProjectConfig(cwd);
  const source = await loadDataSource(cwd, options.datasource, options.env);
  const loaded = options.tenantSchema === undefined ? source : forTenantSchema(source, options.tenantSchema);
  const conn = await resolveConnection({ cwd, env: options.env, url: options.url, dataSource: loaded.options });
  if (conn.serverAction !== 'none') options.onProgress?.({ kind: 'server', action: conn.serverAction });
  return { cwd, conn, loaded, config };
}

/** Opens the project and a DataSource on it for `fn`, releasing both afterwards. */
export async function withProject<T>(options: ApiOptions, fn: (session: ProjectSession, ds: DataSource) => Promise<T>, use?: DataSourceUse): Promise<T> {
  const session = await openProject(options);
  return withDataSource(session.loaded, session.conn, (ds) => fn(session, ds), use);
}
