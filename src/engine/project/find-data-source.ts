import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { readProjectConfig } from './project-config';

/** Where `typeorm init`, NestJS guides and our own `init` put a data source, in the order tried. */
export const CONVENTIONAL_DATA_SOURCES = ['ormconfig', 'src/data-source', 'data-source', 'src/db/data-source'] as const;
const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

/** The file `init` writes when a project has none. */
export const DEFAULT_DATA_SOURCE = 'ormconfig.ts';

export interface DataSourceLocation {
  readonly file: string;
  /** Why this file: what a user would change to pick another. */
  readonly from: '--datasource' | 'DB_MANAGE_DATASOURCE' | 'package.json' | 'convention' | 'default';
}

const absolute = (cwd: string, file: string) => (isAbsolute(file) ? file : resolve(cwd, file));

/**
 * Decides which file holds the project's DataSource, as TypeORM's CLI would with `-d`, but
 * without needing it: an explicit choice first, then the places projects conventionally use.
 * A missing explicitly named file is returned as is, so the loader names it in its error.
 */
export function findDataSource(cwd: string, datasource?: string, env: Readonly<Record<string, string | undefined>> = process.env): DataSourceLocation {
  if (datasource) return { file: absolute(cwd, datasource), from: '--datasource' };
  if (env.DB_MANAGE_DATASOURCE) return { file: absolute(cwd, env.DB_MANAGE_DATASOURCE), from: 'DB_MANAGE_DATASOURCE' };
  const fromPackage = readProjectConfig(cwd).dataSource;
  if (fromPackage) return { file: absolute(cwd, fromPackage), from: 'package.json' };
  for (const base of CONVENTIONAL_DATA_SOURCES) {
    for (const ext of EXTENSIONS) {
      const file = join(cwd, base + ext);
      if (existsSync(file)) return { file, from: 'convention' };
    }
  }
  return { file: join(cwd, DEFAULT_DATA_SOURCE), from: 'default' };
}

/** The one line shown when no data source was found anywhere. */
export function notFoundMessage(location: DataSourceLocation, shown: string): { message: string; hint: string } {
  switch (location.from) {
    case '--datasource':
      return { message: `data source file not found: ${shown}`, hint: 'Check the path given with -d/--datasource' };
    case 'DB_MANAGE_DATASOURCE':
      return { message: `data source file not found: ${shown} (from DB_MANAGE_DATASOURCE)`, hint: 'Fix or unset DB_MANAGE_DATASOURCE' };
    case 'package.json':
      return { message: `data source file not found: ${shown} (from package.json "db-manage.dataSource")`, hint: 'Fix "db-manage.dataSource" in package.json' };
    default:
      return {
        message: `no data source found: looked for ${CONVENTIONAL_DATA_SOURCES.map((b) => `${b}.ts`).join(', ')} (and .js/.mts)`,
        hint: 'Pass -d path/to/data-source.ts, set "db-manage": { "dataSource": "…" } in package.json, or run npx db-manage init',
      };
  }
}
