import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { getTsconfig } from 'get-tsconfig';
import type { DataSourceOptions } from 'typeorm';
import { migrationFlavour, type MigrationFlavour } from './migration-language';
import { migrationsDir } from './migrations-dir';

/**
 * Where a TypeScript project keeps the source of migrations its data source runs compiled.
 * A data source that loads `dist/migrations/*.js` (tsconfig `outDir: "dist"`) runs what `tsc`
 * builds from `src/migrations`: a new migration belongs there, as TypeScript. Null when the
 * folder is not inside the project's outDir.
 */
export function sourceFolderOf(migrationsDir: string, cwd: string): string | null {
  const tsconfig = getTsconfig(cwd);
  const options = tsconfig?.config.compilerOptions;
  if (!tsconfig || !options?.outDir) return null;
  const base = dirname(tsconfig.path);
  const outDir = resolve(base, options.outDir);
  const inside = relative(outDir, migrationsDir);
  if (inside.startsWith('..') || isAbsolute(inside)) return null;
  // Without rootDir, tsc uses the common folder of the sources: src/ in nearly every project.
  const rootDir = options.rootDir ? resolve(base, options.rootDir) : existsSync(resolve(base, 'src')) ? resolve(base, 'src') : base;
  return resolve(rootDir, inside);
}

export interface MigrationTarget {
  /** The folder a new migration is written to. */
  readonly directory: string;
  readonly flavour: MigrationFlavour;
  /** When the data source runs compiled migrations: the folder it loads them from. */
  readonly compiledIn: string | null;
}

/**
 * Where a new migration goes and in what language: an explicit folder, else the source of
 * the compiled folder the data source loads, else the folder of its migrations glob.
 */
export function migrationTarget(options: DataSourceOptions, dataSourceFile: string, cwd: string, explicit?: string): MigrationTarget {
  const globDir = migrationsDir(options, cwd);
  const source = explicit ? null : sourceFolderOf(globDir, cwd);
  if (source) return { directory: source, flavour: { language: 'ts', extension: '.ts' }, compiledIn: globDir };
  const directory = explicit ?? globDir;
  return { directory, flavour: migrationFlavour(options, dataSourceFile, directory, cwd), compiledIn: null };
}
