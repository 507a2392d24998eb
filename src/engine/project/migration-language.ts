import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/** What a new migration file is written in: TypeScript, or JavaScript the project runs as is. */
export type MigrationLanguage = 'ts' | 'cjs' | 'esm';

export interface MigrationFlavour {
  readonly language: MigrationLanguage;
  /** `.ts`, `.js`, `.mjs` or `.cjs`: what the migrations glob picks up. */
  readonly extension: string;
}

/** The nearest package.json's "type", walking up from `dir`. */
function packageType(dir: string): 'module' | 'commonjs' {
  for (let d = dir; ; d = dirname(d)) {
    const file = join(d, 'package.json');
    if (existsSync(file)) {
      try {
        return (JSON.parse(readFileSync(file, 'utf8')) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (dirname(d) === d) return 'commonjs';
  }
}

/**
 * A JavaScript project gets JavaScript migrations, so TypeORM's own CLI and
 * `dataSource.runMigrations()` run them without ts-node. A project is JavaScript when it has
 * no tsconfig.json and its migrations glob names only `.js`/`.mjs`/`.cjs` files (or its data
 * source is JavaScript and the glob does not name `.ts`); a TypeScript project whose CLI runs
 * from compiled output keeps TypeScript sources. ESM when the migrations folder is
 * `"type": "module"` or the glob says `.mjs`.
 */
export function migrationFlavour(options: DataSourceOptions, dataSourceFile: string, migrationsDir: string, cwd: string): MigrationFlavour {
  const globs = (Array.isArray(options.migrations) ? options.migrations : Object.values(options.migrations ?? {})).filter((m): m is string => typeof m === 'string');
  const namesTs = globs.some((g) => /\.[cm]?ts\b|\{[^}]*\bts\b/.test(g));
  const namesJs = globs.some((g) => /\.[cm]?js\b|\{[^}]*\bjs\b/.test(g));
  const sourceIsJs = ['.js', '.mjs', '.cjs'].includes(extname(dataSourceFile));
  const js = !existsSync(join(cwd, 'tsconfig.json')) && !namesTs && (namesJs || sourceIsJs);
  if (!js) return { language: 'ts', extension: '.ts' };
  if (globs.some((g) => /\.mjs\b/.test(g))) return { language: 'esm', extension: '.mjs' };
  if (globs.some((g) => /\.cjs\b/.test(g))) return { language: 'cjs', extension: '.cjs' };
  return packageType(migrationsDir) === 'module' ? { language: 'esm', extension: '.js' } : { language: 'cjs', extension: '.js' };
}
