import { dirname, isAbsolute, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

export const DEFAULT_MIGRATIONS_DIR = 'src/migrations';

/**
 * Where new migrations go: the folder of the first glob in the data source's
 * `migrations` option (its static part), or src/migrations when the option is unset.
 */
export function migrationsDir(options: DataSourceOptions, cwd: string): string {
  const list: unknown[] = Array.isArray(options.migrations) ? options.migrations : Object.values(options.migrations ?? {});
  const first = list.find((m): m is string => typeof m === 'string');
  if (!first) return resolve(cwd, DEFAULT_MIGRATIONS_DIR);
  const parts = first.split(/[\\/]/);
  const staticParts: string[] = [];
  for (const part of parts) {
    if (/[*?{}[\]!()]/.test(part)) break;
    staticParts.push(part);
  }
  // A glob without wildcards names a file; its folder is where migrations live.
  let dir = staticParts.join('/');
  if (staticParts.length === parts.length) dir = dirname(dir);
  if (dir === '') dir = '.';
  return isAbsolute(dir) ? dir : resolve(cwd, dir);
}
