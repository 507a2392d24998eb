import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { DbManageError } from '../errors/db-manage-error';
import { maskUrl } from '../config/mask-url';
import { shownPath, thrownFrom } from './thrown-from';

export const DEFAULT_DATA_SOURCE = 'ormconfig.ts';

/** The user's data source module, loaded but never connected by us. */
export interface LoadedDataSource {
  readonly file: string;
  readonly options: DataSourceOptions;
}

function looksLikeDataSource(value: unknown): value is DataSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    'options' in value &&
    typeof (value as { initialize?: unknown }).initialize === 'function'
  );
}

export function dataSourcePath(cwd: string, datasource?: string): string {
  const file = datasource ?? DEFAULT_DATA_SOURCE;
  return isAbsolute(file) ? file : resolve(cwd, file);
}

/** Loads `ormconfig.ts` (or `-d file`) through the TypeScript hook and finds its DataSource. */
export function loadDataSource(cwd: string, datasource?: string): LoadedDataSource {
  require('../../loader/register');
  require('reflect-metadata');
  const file = dataSourcePath(cwd, datasource);
  const shown = relative(cwd, file) || file;
  if (!existsSync(file)) {
    throw new DbManageError('config-not-found', `data source file not found: ${shown}`, {
      hint: datasource ? 'Check the path given with -d/--datasource' : 'Run db-manage init to create one, or pass -d path/to/data-source.ts',
    });
  }
  let mod: Record<string, unknown>;
  try {
    mod = require(file) as Record<string, unknown>;
  } catch (cause) {
    throw sourceLoadError(cause, `cannot load data source ${shown}`);
  }
  const candidates = [mod.default, mod.dataSource, mod.AppDataSource, ...Object.values(mod)];
  const found = candidates.find(looksLikeDataSource);
  if (!found) {
    throw new DbManageError('config-invalid', `${shown} exports no TypeORM DataSource`, {
      hint: 'Export one: export default new DataSource({ type: "postgres", ... })',
    });
  }
  if (found.options.type !== 'postgres') {
    throw new DbManageError('config-invalid', `${shown} uses type "${String(found.options.type)}"; db-manage supports postgres only`, {
      hint: 'Set type: "postgres" in the data source',
    });
  }
  return { file, options: found.options };
}

/** Wraps whatever a user module threw while loading as one readable line that names the file. */
export function sourceLoadError(cause: unknown, prefix: string): DbManageError {
  if (cause instanceof DbManageError) return cause;
  const err = cause as { message?: string; code?: string; name?: string; stack?: string };
  const cwd = process.cwd();
  // Paths inside the project are shown relative to it, as the user would type them.
  const first = maskUrl(String(err?.message ?? cause))
    .split('\n')[0]
    .split(`${cwd}${sep}`)
    .join('');
  if (err?.name === 'DriverPackageNotInstalledError') {
    return new DbManageError('config-invalid', `${prefix}: ${first}`, {
      cause,
      hint: 'db-manage supports PostgreSQL only: set type: "postgres" in the data source',
    });
  }
  const hint =
    err?.code === 'TS_SYNTAX_ERROR'
      ? 'Fix the syntax error and run the command again'
      : err?.code === 'MODULE_NOT_FOUND'
        ? 'Check the import paths and run npm install'
        : 'Fix the error in that file and run the command again';
  // A module that throws while it is imported: say which one (a syntax error already does).
  const file = err?.code === 'TS_SYNTAX_ERROR' ? null : thrownFrom(err?.stack);
  const message = file ? `cannot load ${shownPath(cwd, file)}: ${first}` : `${prefix}: ${first}`;
  return new DbManageError('source-load-failed', message, { cause, hint });
}
