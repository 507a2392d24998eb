import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * What TypeORM's own schema builder (the engine of `migration:generate --check` and
 * `synchronize`) would still run against `url` for the project's data source file: empty
 * when TypeORM sees no drift.
 */
export async function typeormPendingSql(dataSourceFile: string, url: string): Promise<string[]> {
  const loaded = (require(dataSourceFile) as { default: DataSource }).default;
  // installExtensions: false. TypeORM creates the extensions its entities need when it connects
  // (btree_gist for an exclusion): a write, which would outlive the downgrade (fuzz seed 8002).
  const ds = new DataSource({ ...(loaded.options as DataSourceOptions), url, migrations: [], installExtensions: false } as DataSourceOptions);
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
