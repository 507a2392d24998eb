import type { DataSource } from 'typeorm';
import { CHECKSUM_TABLE, historyStore } from '../engine/runner/history-store';
import { managedObjects, type ManagedObjects, type ManagedTable } from '../engine/safety/managed-objects';

/** What the entities manage, plus the history tables a full reset also rebuilds. */
export interface ProjectScope {
  readonly managed: ManagedObjects;
  readonly defaultSchema: string;
  /** TypeORM's migrations table, our checksum table and TypeORM's metadata table. */
  readonly history: readonly ManagedTable[];
}

export function projectScope(ds: DataSource): ProjectScope {
  const defaultSchema = (ds.options as { schema?: string }).schema ?? 'public';
  const store = historyStore(ds);
  const { schema, table } = store.history;
  return {
    managed: managedObjects(ds.entityMetadatas, defaultSchema),
    defaultSchema,
    history: [
      { schema, table },
      { schema, table: CHECKSUM_TABLE },
      { schema: defaultSchema, table: 'typeorm_metadata' },
    ],
  };
}
