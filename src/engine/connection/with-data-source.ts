import { DataSource, type DataSourceOptions } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { DbManageError } from '../errors/db-manage-error';
import type { LoadedDataSource } from '../project/load-data-source';
import { isEsModule, sourceLoadError } from '../project/load-data-source';
import { connectError, isTlsFailure } from './connect-error';
import { deferEntities } from './deferred-entities';
import { createDatabaseIfMissing, type ResolvedConnection } from './resolve-connection';

/** The data source's own installExtensions (not false), kept beside the `false` db-manage connects with. */
export const WANTS_EXTENSIONS = 'dbManageInstallExtensions';

/**
 * The toolkit's own DataSource: the user's entities, migrations and naming, on the
 * connection we resolved. It never synchronises, never runs migrations on connect and
 * never installs extensions behind the user's back (that belongs in a migration).
 */
export function toolkitOptions(loaded: LoadedDataSource, conn: ResolvedConnection): DataSourceOptions {
  const user = loaded.options as PostgresDataSourceOptions;
  return {
    ...user,
    type: 'postgres',
    url: conn.url,
    host: undefined,
    port: undefined,
    username: undefined,
    password: undefined,
    database: undefined,
    replication: undefined,
    synchronize: false,
    migrationsRun: false,
    dropSchema: false,
    // Connecting must not write (read-only commands): the user's choice waits for upgrade and reset.
    installExtensions: false,
    [WANTS_EXTENSIONS]: user.installExtensions !== false,
    logging: false,
    poolSize: 2,
    applicationName: 'db-manage',
    connectTimeoutMS: 10_000,
  } as DataSourceOptions;
}

function isConnectionFailure(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return /^(E[A-Z]+|28P01|28000|3D000|57P03|08\w{3})$/.test(code) || /timeout/i.test(String((err as Error)?.message)) || isTlsFailure(err);
}

async function initialise(ds: DataSource, conn: ResolvedConnection): Promise<void> {
  try {
    await ds.initialize();
  } catch (err) {
    if (isConnectionFailure(err)) throw connectError(conn.url, err, conn.kind, conn.source);
    throw sourceLoadError(err, 'cannot load the entities');
  }
}

export interface DataSourceUse {
  /** Only migrations run: entity metadata is loaded and built on first use (deferred-entities). */
  readonly entitiesOnDemand?: boolean;
}

/** Runs `fn` with an initialised DataSource and always destroys it. */
export async function withDataSource<T>(loaded: LoadedDataSource, conn: ResolvedConnection, fn: (ds: DataSource) => Promise<T>, use: DataSourceUse = {}): Promise<T> {
  const options = toolkitOptions(loaded, conn);
  const deferred = use.entitiesOnDemand ? deferEntities(options, isEsModule(loaded.file)) : null;
  let ds = new DataSource(deferred?.options ?? options);
  try {
    await initialise(ds, conn);
  } catch (err) {
    if (!(err instanceof DbManageError && err.code === 'database-missing' && conn.kind === 'embedded')) throw err;
    await createDatabaseIfMissing(conn);
    ds = new DataSource(deferred?.options ?? options);
    await initialise(ds, conn);
  }
  deferred?.install(ds);
  try {
    return await fn(ds);
  } finally {
    if (ds.isInitialized) await ds.destroy().catch(() => undefined);
  }
}
