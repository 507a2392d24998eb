import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { DbManageError } from '../errors/db-manage-error';
import { maskUrl } from '../config/mask-url';

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

/** Wraps whatever a user module threw while loading as one readable line. */
export function sourceLoadError(cause: unknown, prefix: string): DbManageError {
  if (cause instanceof DbManageError) return cause;
  const err = cause as { message?: string; code?: string };
  const first = maskUrl(String(err?.message ?? cause)).split('\n')[0];
  const hint =
    err?.code === 'TS_SYNTAX_ERROR'
      ? 'Fix the syntax error and run the command again'
      : err?.code === 'MODULE_NOT_FOUND'
        ? 'Check the import paths and run npm install'
        : 'Fix the error in that file and run the command again';
  return new DbManageError('source-load-failed', `${prefix}: ${first}`, { cause, hint });
}
