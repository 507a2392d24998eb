import type { DataSource } from 'typeorm';
import { bookkeepingTables } from '../engine/history/bookkeeping-tables';
import { defaultSchemaOf } from '../engine/model/default-schema';
import { managedObjects, type ManagedObjects, type ManagedTable } from '../engine/safety/managed-objects';

/** What the entities manage, plus the history tables a full reset also rebuilds. */
export interface ProjectScope {
  readonly managed: ManagedObjects;
  readonly defaultSchema: string;
  /** TypeORM's migrations table, our checksum table and TypeORM's metadata table. */
  readonly history: readonly ManagedTable[];
}

export function projectScope(ds: DataSource): ProjectScope {
  const defaultSchema = defaultSchemaOf(ds);
  const { history, metadata, checksums } = bookkeepingTables(ds);
  return {
    managed: managedObjects(ds.entityMetadatas, defaultSchema),
    defaultSchema,
    history: [
      { schema: history.schema, table: history.name },
      { schema: checksums.schema, table: checksums.name },
      { schema: metadata.schema, table: metadata.name },
    ],
  };
}
