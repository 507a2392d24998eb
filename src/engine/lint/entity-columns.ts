import type { DataSource } from 'typeorm';
import { defaultSchemaOf } from '../model/default-schema';
import { qualifiedKey } from '../model/schema-model';

/** The columns the loaded entities map, per table (qualifiedKey → column names). */
export function entityColumnsOf(ds: DataSource): Map<string, Set<string>> {
  const schema = defaultSchemaOf(ds);
  const out = new Map<string, Set<string>>();
  for (const meta of ds.entityMetadatas) {
    if (meta.tableType === 'view' || meta.expression) continue;
    const key = qualifiedKey({ schema: meta.schema ?? schema, name: meta.tableName });
    const columns = out.get(key) ?? new Set<string>();
    for (const column of meta.columns) columns.add(column.databaseName);
    out.set(key, columns);
  }
  return out;
}
