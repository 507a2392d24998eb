import type { DataSourceOptions } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { quoteIdent } from '../sql/quote';
import type { LoadedDataSource } from './load-data-source';

/** A value inside the startup `options` parameter, which the server splits on unescaped spaces. */
const startupValue = (text: string) => text.replace(/[\\\s]/g, (c) => `\\${c}`);

/**
 * The data source of one tenant schema (schema per tenant): its `schema` option is the
 * tenant, so entities without a schema, the history table, its checksums and the migration
 * lock are the tenant's own; and every connection starts with the tenant first on the
 * search_path, then public (where extensions usually live), as django-tenants and
 * ros-apartment do, so a migration's unqualified names act on the tenant.
 */
export function forTenantSchema(loaded: LoadedDataSource, schema: string): LoadedDataSource {
  const options = loaded.options as PostgresDataSourceOptions;
  const extra = { ...((options.extra as Record<string, unknown> | undefined) ?? {}) };
  const searchPath = `-c search_path=${startupValue(`${quoteIdent(schema)},public`)}`;
  extra.options = typeof extra.options === 'string' && extra.options.trim() !== '' ? `${extra.options} ${searchPath}` : searchPath;
  return { ...loaded, options: { ...options, schema, extra } as DataSourceOptions };
}
