import { isAbsolute, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

export const DEFAULT_MIGRATIONS_DIR = 'src/migrations';

const GLOB_CHARS = /[*?[\]{}()!+@]/;

/** The folder part of a glob: the path segments before the first one with a glob character. */
export function globBase(glob: string): string {
  const segments = glob.replace(/\\/g, '/').split('/');
  const fixed: string[] = [];
  for (const segment of segments) {
    if (GLOB_CHARS.test(segment)) break;
    fixed.push(segment);
  }
  // A glob with no pattern names a file: its folder is the base.
  if (fixed.length === segments.length) fixed.pop();
  return fixed.join('/') || '.';
}

/**
 * Where new migrations go: the folder of the data source's first migrations glob, resolved
 * against the project folder like TypeORM resolves it, or src/migrations.
 */
export function migrationsDirectory(options: DataSourceOptions, cwd: string): string {
  const list: unknown = options.migrations;
  const first = Array.isArray(list) ? list.find((m): m is string => typeof m === 'string') : undefined;
  if (first === undefined) return resolve(cwd, DEFAULT_MIGRATIONS_DIR);
  const base = globBase(first);
  return isAbsolute(base) ? base : resolve(cwd, base);
}
