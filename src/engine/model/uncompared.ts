import type { DataSource } from 'typeorm';
import { commandLine } from '../text/command-line';

/**
 * What the entities declare that the diff does not compare, one line each, so `check` is
 * never clean by silence. Options TypeORM itself ignores on PostgreSQL (charset, width,
 * unsigned, fulltext, ...) and options with no schema effect (transformer, select,
 * hstoreType, concurrent) are not listed; `synchronize: false` is an explicit opt-out.
 */
export function uncomparedDeclarations(ds: DataSource): string[] {
  const out: string[] = [];
  for (const m of ds.entityMetadatas) {
    if (m.tableType === 'view' && m.synchronize !== false) out.push(`view entity ${m.name} is not compared: db-manage manages tables; write its CREATE VIEW in a migration by hand (${commandLine('revision', '"<message>"')})`);
    if (m.tableType === 'view') continue;
    for (const c of m.columns) {
      if (c.spatialFeatureType != null || c.srid != null) {
        const spec = [c.spatialFeatureType, c.srid].filter((x) => x != null).join(',');
        out.push(`${m.name}.${c.propertyPath}: the spatial subtype (${spec}) of a ${String(c.type)} column is not compared, only the type`);
      }
    }
  }
  return out.sort();
}
