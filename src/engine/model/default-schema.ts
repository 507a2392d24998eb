import type { DataSource } from 'typeorm';

/** The schema unqualified names resolve to for this data source: its `schema`, else public. */
export function defaultSchemaOf(ds: DataSource): string {
  return (ds.options as { schema?: string }).schema ?? 'public';
}
