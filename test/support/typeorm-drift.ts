import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * What TypeORM's own schema builder (the engine of `migration:generate --check` and
 * `synchronize`) would still run against `url` for the project's data source file: empty
 * when TypeORM sees no drift.
 */
export async function typeormPendingSql(dataSourceFile: string, url: string): Promise<string[]> {
  const loaded = (require(dataSourceFile) as { default: DataSource }).default;
  const ds = new DataSource({ ...(loaded.options as DataSourceOptions), url, migrations: [] } as DataSourceOptions);
  await ds.initialize();
  try {
    const sql = await ds.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await ds.destroy();
  }
}

/** A statement with its names and values taken out, to count kinds: `ALTER TABLE … ALTER COLUMN … SET DEFAULT …`. */
export function statementKind(sql: string): string {
  return sql
    .replace(/"(?:[^"]|"")*"/g, '…')
    .replace(/'(?:[^']|'')*'/g, '…')
    .replace(/\(.*\)/s, '(…)')
    .replace(/(…\s*\.?\s*)+/g, '… ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 90);
}
