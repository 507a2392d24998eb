import { dialectFor } from '../dialect/dialect-for';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { DbManageError } from '../errors/db-manage-error';
import { maskUrl } from '../config/mask-url';
import { findDataSource, notFoundMessage, type DataSourceLocation } from './find-data-source';
import { shownPath, thrownFrom } from './thrown-from';

/** The user's data source module, loaded but never connected by us. */
export interface LoadedDataSource {
  readonly file: string;
  /** How the file was chosen (-d, DB_MANAGE_DATASOURCE, package.json, a conventional place). */
  readonly from: DataSourceLocation['from'];
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

/** The nearest package.json's `"type"` decides, as it does for Node and tsc. */
export function isEsModule(file: string): boolean {
  const ext = extname(file);
  if (ext === '.mts' || ext === '.mjs') return true;
  if (ext === '.cts' || ext === '.cjs') return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}

// tsc turns `import()` into `require()` under CommonJS; this one stays a real dynamic import.
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Record<string, unknown>>;

/** An ES module data source is imported (top-level await, import.meta); any other is required. */
async function importDataSourceModule(file: string): Promise<Record<string, unknown>> {
  if (!isEsModule(file)) return require(file) as Record<string, unknown>;
  const { registerEsm } = require('../../loader/register') as { registerEsm(): void };
  registerEsm();
  const ts = /\.(m|c)?tsx?$/.test(file);
  return dynamicImport(`${pathToFileURL(file).href}${ts ? '?db-manage-esm' : ''}`);
}

/** Loads the project's data source file through the TypeScript hook and finds its DataSource. */
export async function loadDataSource(cwd: string, datasource?: string, env?: Readonly<Record<string, string | undefined>>): Promise<LoadedDataSource> {
  require('../../loader/register');
  require('reflect-metadata');
  const location = findDataSource(cwd, datasource, env);
  const file = location.file;
  const shown = relative(cwd, file) || file;
  if (!existsSync(file)) {
    const { message, hint } = notFoundMessage(location, shown);
    throw new DbManageError('config-not-found', message, { hint });
  }
  let mod: Record<string, unknown>;
  try {
    mod = await importDataSourceModule(file);
  } catch (cause) {
    throw sourceLoadError(cause, `cannot load data source ${shown}`);
  }
  const nested = (mod.default as Record<string, unknown> | undefined) ?? {};
  // `module.exports = new DataSource(…)` (CommonJS) is the module itself.
  const candidates = [mod, mod.default, mod.dataSource, mod.AppDataSource, ...Object.values(mod), nested.default, ...Object.values(nested)];
  const found = candidates.find(looksLikeDataSource);
  if (!found) {
    throw new DbManageError('config-invalid', `${shown} exports no TypeORM DataSource`, {
      hint: 'Export one: export default new DataSource({ type: "postgres", ... })',
    });
  }
  dialectFor(found.options.type, shown);
  return { file, from: location.from, options: found.options };
}

/** Wraps whatever a user module threw while loading as one readable line that names the file. */
function typeormVersion(): string {
  try {
    // Its package.json is not in its exports: read it beside the entry point.
    return (JSON.parse(readFileSync(join(dirname(require.resolve('typeorm')), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

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
  // `(0 , typeorm_1.RelationCount) is not a function`: a decorator or class this TypeORM no longer has.
  const missing = /\btypeorm(?:_\d+)?\.(\w+)\)? is not a (?:function|constructor)/.exec(first)?.[1];
  // TypeScript's metadata names no type for a union (`string | null` under strictNullChecks), an interface or a type alias.
  const untyped = /^Data type "Object" in "([^"]+)" is not supported/.exec(first)?.[1];
  const hint =
    err?.code === 'TS_SYNTAX_ERROR'
      ? 'Fix the syntax error and run the command again'
      : err?.code === 'MODULE_NOT_FOUND'
        ? 'Check the import paths and run npm install'
        : missing
          ? `The installed typeorm (${typeormVersion()}) has no ${missing}: the code was written for another TypeORM version; update that use or install the version it expects`
          : untyped
            ? `TypeScript records no column type for ${untyped}'s declared type (a union such as string | null under strictNullChecks, an interface or an alias is Object): name it in the decorator, e.g. @Column({ type: 'varchar', nullable: true })`
            : 'Fix the error in that file and run the command again';
  // A module that throws while it is imported: say which one (a syntax error already does).
  const file = err?.code === 'TS_SYNTAX_ERROR' ? null : thrownFrom(err?.stack);
  const message = file ? `cannot load ${shownPath(cwd, file)}: ${first}` : `${prefix}: ${first}`;
  return new DbManageError('source-load-failed', message, { cause, hint });
}
