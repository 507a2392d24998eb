import type { DataSource } from 'typeorm';
import { defaultSchemaOf } from '../model/default-schema';

/** db-manage's own table of migration checksums, beside TypeORM's history. */
export const CHECKSUM_TABLE = 'db_manage_checksums';

export interface TableRef {
  readonly schema: string;
  readonly name: string;
}

/**
 * The tables that hold bookkeeping rather than the application's data, where the data source
 * puts them: TypeORM's history (`migrationsTableName`), its `metadataTableName` (generated
 * columns, views), and db-manage's checksums beside the history. The diff ignores them,
 * reset keeps them, fingerprints leave them out.
 */
export function bookkeepingTables(ds: DataSource): { history: TableRef; metadata: TableRef; checksums: TableRef } {
  const schema = defaultSchemaOf(ds);
  const history = (ds.options as { migrationsTableName?: string }).migrationsTableName ?? 'migrations';
  return {
    history: { schema, name: history },
    metadata: { schema, name: ds.metadataTableName ?? 'typeorm_metadata' },
    checksums: { schema, name: CHECKSUM_TABLE },
  };
}
