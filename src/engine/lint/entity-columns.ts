import type { DataSource } from 'typeorm';
import { qualifiedKey } from '../model/schema-model';

/** The schema unqualified names resolve to for this data source. */
export function defaultSchemaOf(ds: DataSource): string {
  return (ds.options as { schema?: string }).schema ?? 'public';
}

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
