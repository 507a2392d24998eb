import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { WANTS_EXTENSIONS } from '../connection/with-data-source';
import type { Queryable } from '../inspect/queryable';
import { quoteIdent } from '../sql/quote';
import type { LocalMigration } from './migration-sources';

/**
 * Names an extension provides that TypeORM's connect-time step (PostgresDriver.afterConnect)
 * installs for the entities, so migrations TypeORM generated use them without creating them.
 */
const PROVIDED: readonly (readonly [RegExp, string])[] = [
  [/\buuid_generate_v[1345](mc)?\s*\(/i, 'uuid-ossp'],
  [/\bhstore\b/i, 'hstore'],
  [/\bcitext\b/i, 'citext'],
  [/\bltree\b/i, 'ltree'],
  [/\bcube\b/i, 'cube'],
  [/\bll_to_earth\s*\(|\bearth_distance\s*\(/i, 'earthdistance'],
  [/\bgeometry\b|\bgeography\b/i, 'postgis'],
];

const createsIt = (source: string, extension: string) =>
  new RegExp(`CREATE\\s+EXTENSION\\s+(IF\\s+NOT\\s+EXISTS\\s+)?"?${extension.replace(/[-]/g, '\\-')}"?`, 'i').test(source);

/** The extensions the migrations' source uses but does not create. */
export function extensionsRelied(sources: readonly string[]): string[] {
  const out = new Set<string>();
  for (const source of sources) for (const [uses, extension] of PROVIDED) if (uses.test(source) && !createsIt(source, extension)) out.add(extension);
  return [...out].sort();
}

/**
 * What `typeorm migration:run` gets for free: TypeORM creates the extensions its entities need
 * when it connects, so the migrations it generated (`DEFAULT uuid_generate_v4()`) never do.
 * Before applying such migrations, upgrade and reset create the extensions they use and do
 * not create themselves, unless the data source says `installExtensions: false`. Migrations
 * db-manage writes create their extensions, so they never need this.
 */
export async function installReliedExtensions(ds: DataSource, db: Queryable, migrations: readonly LocalMigration[]): Promise<string[]> {
  if ((ds.options as { [WANTS_EXTENSIONS]?: boolean })[WANTS_EXTENSIONS] !== true) return [];
  const sources = migrations.flatMap((m) => {
    try {
      return m.file ? [readFileSync(m.file, 'utf8')] : [];
    } catch {
      return [];
    }
  });
  const wanted = extensionsRelied(sources);
  const installed = new Set(((await db.query(`SELECT extname FROM pg_extension`)) as { extname: string }[]).map((r) => r.extname));
  const missing = wanted.filter((e) => !installed.has(e));
  for (const extension of missing) await db.query(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(extension)}`);
  return missing;
}
