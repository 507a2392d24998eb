import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DbManageError } from '../errors/db-manage-error';

/** The `"db-manage"` section of the project's package.json: the one place that reads it. */
export interface ProjectConfig {
  /** `"dataSource": "src/data-source.ts"`: the data source file. */
  readonly dataSource?: string;
  /**
   * `"schemas": ["audit"]`: schemas the diff manages besides those the entities use, like
   * Alembic's include_schemas or Prisma's `schemas`. A table in one that no entity declares is
   * dropped by the next migration; without it such a schema is left alone (and `migrate` says so).
   */
  readonly schemas: readonly string[];
  /**
   * `"schemaPerTenant": true`: one schema per tenant in one database. Generated migrations
   * leave the data source's default schema unqualified (other schemas stay qualified), so
   * `fleet` runs each of them once per `schema=NAME` target, with that schema first on the
   * search_path and its own history table and lock.
   */
  readonly schemaPerTenant: boolean;
}

const invalid = (what: string, hint: string) => new DbManageError('config-invalid', `package.json "db-manage.${what}`, { hint });

export function readProjectConfig(cwd: string): ProjectConfig {
  const file = join(cwd, 'package.json');
  if (!existsSync(file)) return { schemas: [], schemaPerTenant: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new DbManageError('config-invalid', `package.json is not valid JSON: ${(cause as Error).message}`, { cause, hint: 'Fix package.json' });
  }
  const section = (parsed as { 'db-manage'?: unknown } | null)?.['db-manage'];
  if (section === undefined) return { schemas: [], schemaPerTenant: false };
  if (section === null || typeof section !== 'object' || Array.isArray(section)) {
    throw new DbManageError('config-invalid', 'package.json "db-manage" must be an object', { hint: 'e.g. "db-manage": { "dataSource": "src/data-source.ts" }' });
  }
  const { dataSource, schemas, schemaPerTenant } = section as { dataSource?: unknown; schemas?: unknown; schemaPerTenant?: unknown };
  if (dataSource !== undefined && (typeof dataSource !== 'string' || dataSource.trim() === '')) {
    throw invalid('dataSource" must be a path to the data source file', 'Set "db-manage": { "dataSource": "src/data-source.ts" } in package.json');
  }
  if (schemas !== undefined && (!Array.isArray(schemas) || schemas.some((s) => typeof s !== 'string' || s === ''))) {
    throw invalid('schemas" must be a list of schema names', 'e.g. "db-manage": { "schemas": ["audit"] }');
  }
  if (schemaPerTenant !== undefined && typeof schemaPerTenant !== 'boolean') {
    throw invalid('schemaPerTenant" must be true or false', 'e.g. "db-manage": { "schemaPerTenant": true }');
  }
  return {
    ...(dataSource !== undefined ? { dataSource: dataSource as string } : {}),
    schemas: (schemas as string[] | undefined) ?? [],
    schemaPerTenant: schemaPerTenant === true,
  };
}
