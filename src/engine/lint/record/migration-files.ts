import { sep } from 'node:path';

/**
 * The file that exports a migration class. TypeORM (or the data source) required every
 * migration file, so require.cache knows it; a class re-exported elsewhere resolves to the
 * first file, in load order, that exports it.
 */
export function exportingFile(ctor: unknown): string | undefined {
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!mod || file.includes(`${sep}node_modules${sep}`)) continue;
    try {
      const exported = mod.exports as unknown;
      if (exported === ctor) return file;
      if (exported && typeof exported === 'object' && Object.values(exported).includes(ctor)) return file;
    } catch {
      // an export getter that throws exports nothing we want
    }
  }
  return undefined;
}
