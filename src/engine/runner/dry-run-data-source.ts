import { loadSqlParser } from '../sql/pg-parser';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { deferLike } from '../connection/deferred-entities';
import { DbManageError } from '../errors/db-manage-error';
import { guardedClientClass, type PgClientClass } from './guarded-client';
import { asToolkit } from './query-scope';

/** The pool may serve the toolkit's session and a migration's extra query runners at once. */
const DRY_RUN_POOL = 4;

/**
 * Runs `fn` on a twin of `ds` whose every connection is guarded (see guarded-client.ts):
 * read-only sessions, and statements from migration code recorded instead of sent. A
 * migration reaches the DataSource through its query runner (`queryRunner.connection`),
 * so every handle it can take from there leads back to this pool. The twin lives for one
 * dry run and is destroyed with its connections.
 */
export async function withDryRunDataSource<T>(ds: DataSource, fn: (twin: DataSource) => Promise<T>): Promise<T> {
  // The twin decides what is a read with PostgreSQL's parser.
  await loadSqlParser();
  return asToolkit(async () => {
    const options = ds.options as PostgresDataSourceOptions;
    const driver = ds.driver as unknown as { postgres?: { Client?: PgClientClass } };
    const extra = (options.extra ?? {}) as { Client?: PgClientClass };
    const Base = extra.Client ?? driver.postgres?.Client;
    if (!Base) throw new DbManageError('internal', 'the pg driver is not loaded, so a dry run cannot be guarded');
    const twinOptions = {
      ...options,
      poolSize: Math.max(options.poolSize ?? 0, DRY_RUN_POOL),
      extra: { ...extra, Client: guardedClientClass(Base) },
    } as DataSourceOptions;
    const deferred = deferLike(ds, twinOptions);
    const twin = new DataSource(deferred?.options ?? twinOptions);
    await twin.initialize();
    deferred?.install(twin);
    try {
      return await fn(twin);
    } finally {
      await twin.destroy().catch(() => undefined);
    }
  });
}
