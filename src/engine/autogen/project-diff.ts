import type { DataSource, QueryRunner } from 'typeorm';
import { compare } from '../diff/compare';
import { describeOperation } from '../diff/describe';
import { destructive } from '../diff/destructive';
import type { Operation } from '../diff/operations';
import { dialectFor } from '../dialect/dialect-for';
import { DbManageError } from '../errors/db-manage-error';
import { bookkeepingTables } from '../history/bookkeeping-tables';
import { historyTable, readApplied } from '../history/history-table';
import { defaultSchemaOf } from '../model/default-schema';
import { unmanagedSchemas, type UnmanagedSchema } from '../inspect/unmanaged-schemas';
import { localMigrations } from '../history/local-migrations';
import { serverCanonicalDefaults } from '../model/canonical/server-default';
import { defaultsThatDoNotFit, defaultWarnings } from '../model/default-warnings';
import { entityModelReport, entitySchemas, typeormMetadataTable } from '../model/entity-model';
import type { ShortenedName } from '../model/stored-names';
import { uncomparedDeclarations } from '../model/uncompared';
import type { SchemaModel } from '../model/schema-model';
import { loadSqlParser } from '../sql/pg-parser';
import { comparesExpressions } from '../diff/compare-table';
import { commandLine } from '../text/command-line';
import { noun, plural } from '../text/plural';

/** An operation as people and `--json` see it. */
export interface OperationSummary {
  readonly kind: Operation['kind'];
  readonly description: string;
  /** Why it can lose data, or null. */
  readonly destructive: string | null;
}

export interface LoadedEntities {
  readonly count: number;
  /** Class names, sorted. */
  readonly names: readonly string[];
}

export interface ProjectDiff {
  readonly entities: LoadedEntities;
  /** Local migrations not yet applied, oldest first. */
  readonly pending: readonly string[];
  readonly operations: readonly Operation[];
  /** What the entities describe and what the database holds; renames re-diff them. */
  readonly desired: SchemaModel;
  readonly actual: SchemaModel;
  /** Entity declarations that are valid but probably not what was meant, one line each. */
  readonly warnings: readonly string[];
  /** Entity names PostgreSQL stores shortened (63 bytes); the model already uses the stored form. */
  readonly shortened: readonly ShortenedName[];
  /** What the entities declare that the diff cannot see, one line each. */
  readonly uncompared: readonly string[];
}

export function summarise(operations: readonly Operation[]): OperationSummary[] {
  return operations.map((op) => ({ kind: op.kind, description: describeOperation(op), destructive: destructive(op) }));
}

/** How the data source names its entities, for an error that must show what was tried. */
function describeEntitySources(option: unknown): string[] {
  const list = Array.isArray(option) ? option : option && typeof option === 'object' ? Object.values(option) : [];
  return list.map((e) => (typeof e === 'string' ? e : typeof e === 'function' ? e.name : String((e as { name?: string })?.name ?? e)));
}

/** The entity classes loaded: the junction and closure tables TypeORM adds for them are not entities. */
export function loadedEntities(ds: DataSource): LoadedEntities {
  const names = ds.entityMetadatas
    .filter((m) => m.tableType !== 'junction' && m.tableType !== 'closure-junction')
    .map((m) => m.name)
    .sort();
  if (names.length === 0) {
    const sources = describeEntitySources(ds.options.entities);
    throw new DbManageError('no-entities', sources.length === 0 ? 'the data source lists no entities' : `no entities loaded from ${sources.join(', ')}`, {
      hint: 'Check the entities option of the data source: each glob must match the entity files (with their .ts extension) from the project folder',
      details: { entities: sources },
    });
  }
  return { count: names.length, names };
}

export async function pendingMigrations(ds: DataSource): Promise<string[]> {
  const applied = new Set((await readApplied(ds, historyTable(ds))).map((m) => m.name));
  return localMigrations(ds)
    .filter((m) => !applied.has(m.name))
    .map((m) => m.name);
}

/** The tables that hold history, not data: never part of a diff. */
export function historyTables(ds: DataSource): { schema: string; name: string }[] {
  const { history, metadata } = bookkeepingTables(ds);
  return [history, metadata];
}

/**
 * The schemas a diff may touch: those the entities use, plus the data source's default
 * schema. A schema no entity mentions (a hand-managed `audit`, an extension's schema)
 * is never proposed for dropping; like Alembic without include_schemas.
 */
export function managedSchemas(ds: DataSource, entitySchemas: readonly string[]): string[] {
  return [...new Set([defaultSchemaOf(ds), ...entitySchemas])].sort();
}

async function withRunner<T>(ds: DataSource, fn: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  try {
    return await fn(runner);
  } finally {
    await runner.release();
  }
}

export interface ProjectDiffOptions {
  /** Schemas to manage besides those the entities use (package.json "db-manage.schemas"). */
  readonly schemas?: readonly string[];
}

/** One line for a schema the diff leaves alone although it holds tables. */
function describeUnmanaged(u: UnmanagedSchema): string {
  return `schema ${u.schema} holds ${plural(u.tables, 'table')} but no entity uses it, so it is not compared; to manage it, list it in package.json "db-manage": { "schemas": [...] }`;
}

/** The entities, the pending migrations and the operations that would bring the database to the entities. */
export async function projectDiff(ds: DataSource, options: ProjectDiffOptions = {}): Promise<ProjectDiff> {
  const entities = loadedEntities(ds);
  const pending = await pendingMigrations(ds);
  const schemas = managedSchemas(ds, [...entitySchemas(ds), ...(options.schemas ?? [])]);
  // The catalog first: an enumName given without values takes the database's values.
  const actual = await dialectFor(ds.options.type, 'the data source').readCatalog(ds, { schemas, ignoreTables: historyTables(ds), typeormMetadata: typeormMetadataTable(ds) });
  const unmanaged = await withRunner(ds, (runner) => unmanagedSchemas(runner, [...schemas, ...historyTables(ds).map((t) => t.schema)]));
  const { model, shortened } = entityModelReport(ds, { existingEnums: actual.enums });
  // Expressions (CHECKs, predicates, generated columns) compare by their parse trees: where
  // there are any, the parser loads while the server canonicalises the defaults.
  const parser = [...model.tables, ...actual.tables].some(comparesExpressions) ? loadSqlParser() : null;
  const desired = await withRunner(ds, (runner) => serverCanonicalDefaults(runner, model, actual));
  await parser;
  return { entities, pending, operations: compare(desired, actual), desired, actual, warnings: [...defaultWarnings(ds), ...defaultsThatDoNotFit(desired)], shortened, uncompared: [...uncomparedDeclarations(ds), ...unmanaged.map(describeUnmanaged)] };
}

export function refusePending(pending: readonly string[]): void {
  if (pending.length === 0) return;
  throw new DbManageError('migrations-pending', `${plural(pending.length, 'migration')} ${noun(pending.length, 'is', 'are')} not applied yet: ${pending.join(', ')}`, {
    hint: `Run ${commandLine('upgrade')} first, so the new migration starts from the latest schema`,
    details: { pending },
  });
}
