import { Table, type DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { DbManageError } from '../errors/db-manage-error';
import { formatArrayLiteral } from './canonical/array-literal';
import { canonicalComment } from './canonical/canonical-comment';
import { canonicalDefault } from './canonical/canonical-default';
import { canonicalType, enumType } from './canonical/canonical-type';
import { distinctByName } from './distinct-by-name';
import { quoteLiteral } from '../sql/quote';
import { mergeDeclarations, type TableDeclaration } from './merge-declarations';
import {
  columnKey,
  displayName,
  qualifiedKey,
  sealModel,
  type ColumnGenerated,
  type ColumnModel,
  type EnumModel,
  type GeneratedRecord,
  type ReferentialAction,
  type SchemaModel,
  type TableModel,
} from './schema-model';
import { storedName, storeNames, type ShortenedName } from './stored-names';
import { bookkeepingTables } from '../history/bookkeeping-tables';
import { defaultSchemaOf } from './default-schema';

/** Extensions a column type needs; TypeORM installs these on connect, we put them in the migration. */
const TYPE_EXTENSIONS: Readonly<Record<string, string>> = {
  citext: 'citext',
  hstore: 'hstore',
  ltree: 'ltree',
  cube: 'cube',
  geometry: 'postgis',
  geography: 'postgis',
  vector: 'vector',
  halfvec: 'vector',
  sparsevec: 'vector',
};

const SYNCED_TABLE_TYPES = new Set(['regular', 'junction', 'closure', 'closure-junction']);

/** The entities TypeORM manages as tables: what its own schema builder would synchronise. */
export function managedEntities(ds: DataSource): EntityMetadata[] {
  return ds.entityMetadatas.filter((m) => m.synchronize !== false && SYNCED_TABLE_TYPES.has(m.tableType));
}


function isEnumColumn(ds: DataSource, column: ColumnMetadata): boolean {
  const type = ds.driver.normalizeType(column);
  return type === 'enum' || type === 'simple-enum';
}

/** TypeORM's enum naming (PostgresQueryRunner.buildEnumName), in the table's schema. */
function enumNameOf(table: string, column: ColumnMetadata): string {
  return column.enumName ?? `${table}_${column.databaseName.toLowerCase()}_enum`;
}

function columnType(ds: DataSource, schema: string, table: string, column: ColumnMetadata): string {
  if (isEnumColumn(ds, column)) return enumType(schema, enumNameOf(table, column), column.isArray);
  return canonicalType({
    base: ds.driver.normalizeType(column),
    length: column.length,
    precision: column.precision,
    scale: column.scale,
    array: column.isArray,
  });
}

const JSON_TYPES = new Set(['json', 'jsonb', 'simple-json']);

/**
 * The default as SQL. TypeORM writes a string default as `'${value}'`, so `it's` yields
 * invalid SQL, and an array default as `'{a,b}'` with no quoting; both are fixed here.
 * A JS array or object given to a json column is that JSON's text (an array literal there
 * would be invalid JSON, or `{}` for `[]`).
 */
function defaultSql(ds: DataSource, column: ColumnMetadata): string | null {
  const value: unknown = column.default;
  if (value === undefined || value === null) {
    return column.isGenerated && column.generationStrategy === 'uuid' ? (ds.driver as unknown as { uuidGenerator: string }).uuidGenerator : null;
  }
  if (typeof value === 'function') return String((value as () => unknown)());
  const json = JSON_TYPES.has(String(column.type)) || JSON_TYPES.has(ds.driver.normalizeType(column));
  if (json && !column.isArray && typeof value === 'object') return quoteLiteral(JSON.stringify(value));
  if (column.type === 'simple-array' && Array.isArray(value)) return quoteLiteral(value.map(String).join(','));
  const element = (v: unknown) => (v === null ? null : json && typeof v === 'object' ? JSON.stringify(v) : String(v));
  if (Array.isArray(value)) return quoteLiteral(formatArrayLiteral(value.map(element)));
  if (typeof value === 'string') return quoteLiteral(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return quoteLiteral(value.toISOString());
  return quoteLiteral(JSON.stringify(value));
}

/** A NUL anywhere in a value (strings inside arrays and objects too). */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.entries(value).some(([k, v]) => holdsNul(k) || holdsNul(v));
  return false;
}

/**
 * PostgreSQL text cannot hold NUL: a migration carrying one could never apply, so it is
 * refused here, naming where it is.
 */
function refuseNul(value: unknown, where: string): void {
  if (!holdsNul(value)) return;
  throw new DbManageError('config-invalid', `${where} contains a NUL character (\\0), which PostgreSQL text cannot hold`, {
    hint: 'Remove the \\0 character from it',
    details: { where },
  });
}

function checkColumnText(column: ColumnMetadata): void {
  const where = `${column.entityMetadata.name}.${column.propertyPath}`;
  refuseNul(column.comment, `the comment of ${where}`);
  refuseNul(typeof column.default === 'function' ? String((column.default as () => unknown)()) : column.default, `the default of ${where}`);
  refuseNul(column.enum, `an enum value of ${where}`);
  refuseNul(column.asExpression, `the generated expression of ${where}`);
}

function generatedOf(column: ColumnMetadata): ColumnGenerated | null {
  if (!column.isGenerated) return null;
  // 'identity' is missing from the declared type of generationStrategy, not from its values.
  const strategy = column.generationStrategy as string | undefined;
  if (strategy === 'increment') return 'serial';
  if (strategy === 'identity') return column.generatedIdentity === 'ALWAYS' ? 'identity-always' : 'identity-by-default';
  return null;
}

/**
 * An enum column's default must be one of its values: PostgreSQL would refuse it at upgrade,
 * and a migration that leaves it out makes `check` ask for it for ever (fuzz seeds 472, 516).
 */
function refuseDefaultOutsideEnum(table: string, column: ColumnMetadata, value: string | null): void {
  const values = (column.enum ?? []).map(String);
  const literal = value === null || column.isArray ? null : /^'((?:[^']|'')*)'(::.*)?$/.exec(value);
  if (!literal || values.length === 0) return;
  const text = literal[1].replace(/''/g, "'");
  if (values.includes(text)) return;
  throw new DbManageError('config-invalid', `the default '${text}' of ${table}.${column.databaseName} is not one of its enum values (${values.join(', ')})`, {
    hint: 'Change the default to one of the values, or remove it, in the same edit that removes the value',
    details: { table, column: column.databaseName, default: text, values },
  });
}

function columnModel(ds: DataSource, schema: string, table: string, column: ColumnMetadata): ColumnModel {
  checkColumnText(column);
  const type = columnType(ds, schema, table, column);
  const generated = generatedOf(column);
  // TypeORM's PostgreSQL driver supports STORED only; asExpression is the SQL.
  const expression = (column.generatedType === 'STORED' && column.asExpression?.trim()) || null;
  const value = generated || expression ? null : canonicalDefault(defaultSql(ds, column), type);
  refuseDefaultOutsideEnum(table, column, value);
  return {
    name: column.databaseName,
    type,
    nullable: column.isNullable && !column.isPrimary,
    default: value,
    generated,
    expression,
    comment: canonicalComment(column.comment),
    // "default" is the type's own collation: PostgreSQL records none.
    collation: column.collation && column.collation !== 'default' ? column.collation : null,
  };
}

function action(value: string | undefined): ReferentialAction {
  return (value?.toUpperCase() as ReferentialAction | undefined) ?? 'NO ACTION';
}

/**
 * Two properties of one entity mapped to one column (a property and an embedded's without a
 * prefix, two names that differ only in case) leave TypeORM with two definitions of the column
 * and no rule for which wins: one line, before anything is compared.
 */
function refuseSharedColumns(metadata: EntityMetadata, columns: readonly ColumnMetadata[], table: string): void {
  const byName = new Map<string, string[]>();
  for (const c of columns) byName.set(c.databaseName, [...(byName.get(c.databaseName) ?? []), c.propertyPath]);
  for (const [column, properties] of byName) {
    if (properties.length < 2) continue;
    throw new DbManageError('config-invalid', `entity ${metadata.name} maps ${properties.join(' and ')} to the same column "${column}" of ${table}`, {
      hint: 'Give one of them another column name (@Column({ name })), or give the embedded a prefix',
      details: { entity: metadata.name, column, properties },
    });
  }
}

type DeclaredEnums = Map<string, EnumModel & { owner: string }>;
/** Enums named by `enumName` without values, by qualifiedKey, with the column that names each first. */
type EnumReferences = Map<string, { readonly schema: string; readonly name: string; readonly owner: string }>;

function tableModel(ds: DataSource, metadata: EntityMetadata, enums: DeclaredEnums, references: EnumReferences): TableModel {
  const schema = metadata.schema ?? defaultSchemaOf(ds);
  const name = metadata.tableName;
  const columns = metadata.columns.filter((c) => !c.isVirtualProperty);
  refuseSharedColumns(metadata, columns, `${schema}.${name}`);
  refuseNul(metadata.comment, `the comment of entity ${metadata.name}`);
  for (const c of metadata.checks) refuseNul(c.expression, `check ${c.name} of ${metadata.name}`);
  for (const i of metadata.indices) refuseNul(i.where, `the WHERE of index ${i.name} of ${metadata.name}`);
  for (const column of columns.filter((c) => isEnumColumn(ds, c))) {
    const values = (column.enum ?? []).map(String);
    const e = { schema, name: enumNameOf(name, column), values, owner: `${schema}.${name}.${column.databaseName}` };
    const key = qualifiedKey(e);
    // `enumName` without values names a type declared elsewhere, as TypeORM reads it.
    if (values.length === 0 && column.enumName) {
      if (!references.has(key) || e.owner < references.get(key)!.owner) references.set(key, e);
      continue;
    }
    const seen = enums.get(key);
    if (seen && seen.values.join('\u0000') !== values.join('\u0000')) {
      throw new DbManageError('config-invalid', `enum type ${displayName(e)} is declared with different values by ${seen.owner} and ${e.owner}`, {
        hint: 'Give both columns the same enum, or different enumName options',
        details: { enum: displayName(e), values: { [seen.owner]: seen.values, [e.owner]: values } },
      });
    }
    if (!seen || e.owner < seen.owner) enums.set(key, e);
  }
  const primary = metadata.primaryColumns.map((c) => c.databaseName);
  const pkName =
    metadata.primaryColumns[0]?.primaryKeyConstraintName ?? ds.namingStrategy.primaryKeyName(Table.create(metadata, ds.driver), primary);
  return {
    schema,
    name,
    columns: columns.map((c) => columnModel(ds, schema, name, c)),
    primaryKey: primary.length > 0 ? { name: pkName, columns: primary } : null,
    uniques: distinctByName(
      metadata.uniques.map((u) => ({ name: u.name, columns: u.columns.map((c) => c.databaseName), deferrable: u.deferrable ?? null })),
      'unique constraint',
      `${schema}.${name}`,
    ),
    checks: metadata.checks.map((c) => ({ name: c.name, expression: c.expression ?? '' })),
    exclusions: metadata.exclusions.map((x) => ({ name: x.name, expression: x.expression.trim(), deferrable: x.deferrable ?? null })),
    indexes: distinctByName(
      metadata.indices
        .filter((i) => i.synchronize !== false)
        .map((i) => ({
          name: i.name,
          columns: i.columns.map((c) => c.databaseName),
          unique: i.isUnique,
          where: i.where?.trim() || null,
          method: i.isSpatial ? 'gist' : (i.type ?? 'btree').toLowerCase(),
        })),
      'index',
      `${schema}.${name}`,
    ),
    foreignKeys: metadata.foreignKeys.map((fk) => ({
      name: fk.name,
      columns: fk.columnNames,
      referencedSchema: fk.referencedEntityMetadata.schema ?? defaultSchemaOf(ds),
      referencedTable: fk.referencedEntityMetadata.tableName,
      referencedColumns: fk.referencedColumnNames,
      onDelete: action(fk.onDelete),
      onUpdate: action(fk.onUpdate),
      deferrable: fk.deferrable ?? null,
    })),
    comment: canonicalComment(metadata.comment),
  };
}

function extensionsFor(tables: readonly TableModel[]): string[] {
  const out = new Set<string>();
  for (const column of tables.flatMap((t) => t.columns)) {
    const base = column.type.replace(/(\(.*\))?(\[\])*$/, '');
    if (TYPE_EXTENSIONS[base]) out.add(TYPE_EXTENSIONS[base]);
    if (column.default && /^uuid_generate_v\d/.test(column.default)) out.add('uuid-ossp');
  }
  return [...out];
}

export interface EntityModelOptions {
  /** The database's enums: an `enumName` given without values takes the values it has there. */
  readonly existingEnums?: readonly EnumModel[];
}

/** The schemas the entities' tables live in (as PostgreSQL stores them), known without building the model. */
export function entitySchemas(ds: DataSource): string[] {
  return [...new Set(managedEntities(ds).map((m) => storedName(m.schema ?? defaultSchemaOf(ds))))];
}

/** Who declares a table, in the words of the entity files. */
function declaredBy(ds: DataSource, metadata: EntityMetadata): string {
  if (metadata.tableType === 'junction') {
    const relation = ds.entityMetadatas.flatMap((m) => m.relations).find((r) => r.junctionEntityMetadata === metadata);
    if (relation) return `${relation.entityMetadata.name}.${relation.propertyPath} (@JoinTable)`;
  }
  if (metadata.tableType === 'closure-junction' && metadata.parentClosureEntityMetadata) return `${metadata.parentClosureEntityMetadata.name} (closure table)`;
  return metadata.name;
}

/** TypeORM's GENERATED_COLUMN rows for the stored generated columns of `tables`, as it writes them. */
function generatedRecords(tables: readonly TableModel[], declared: Map<string, string>): GeneratedRecord[] {
  return tables.flatMap((t) =>
    t.columns.flatMap((c) => {
      const value = declared.get(columnKey(t.schema, t.name, c.name));
      return c.expression !== null && value !== undefined ? [{ schema: t.schema, table: t.name, column: c.name, value }] : [];
    }),
  );
}

/** Enums named by `enumName` without values: their values come from another column or the database. */
function referencedEnums(enums: DeclaredEnums, references: EnumReferences, options: EntityModelOptions): EnumModel[] {
  const out: EnumModel[] = [];
  for (const [key, { owner, ...ref }] of references) {
    const shown = displayName(ref);
    const stored = qualifiedKey({ schema: storedName(ref.schema), name: storedName(ref.name) });
    if (enums.has(key)) continue;
    // The database holds the name as stored (63 bytes).
    const existing = options.existingEnums?.find((e) => (qualifiedKey(e) === key || qualifiedKey(e) === stored) && e.values.length > 0);
    if (!existing) {
      throw new DbManageError('config-invalid', `${owner} names enum type ${shown} without values, and no entity${options.existingEnums ? ' nor the database' : ''} declares them`, {
        hint: `List the values with enum: [...] on one column that uses ${shown}`,
        details: { enum: shown, column: owner },
      });
    }
    out.push({ schema: existing.schema, name: existing.name, values: [...existing.values] });
  }
  return out;
}

export interface EntityModelReport {
  readonly model: SchemaModel;
  /** Names PostgreSQL will cut to 63 bytes. */
  readonly shortened: readonly ShortenedName[];
}

/**
 * The schema the entities describe, with names as PostgreSQL will store them. Entity files
 * load in a different order on every run, so everything is sorted (sealModel) before anyone
 * compares or renders it.
 */
export function entityModelReport(ds: DataSource, options: EntityModelOptions = {}): EntityModelReport {
  const enums: DeclaredEnums = new Map();
  const references: EnumReferences = new Map();
  const declarations: TableDeclaration[] = managedEntities(ds).map((m) => ({
    table: tableModel(ds, m, enums, references),
    by: declaredBy(ds, m),
    explicit: m.tableType === 'regular',
  }));
  const enumList: EnumModel[] = [...enums.values()].map(({ schema, name, values }) => ({ schema, name, values }));
  enumList.push(...referencedEnums(enums, references, options));
  const stored = storeNames(mergeDeclarations(declarations), enumList);
  // TypeORM writes the expression as given (it trims only to compare); keyed by stored names.
  const expressions = new Map<string, string>();
  for (const m of managedEntities(ds)) {
    for (const c of m.columns) {
      if (c.generatedType === 'STORED' && c.asExpression?.trim()) {
        expressions.set(columnKey(storedName(m.schema ?? defaultSchemaOf(ds)), storedName(m.tableName), storedName(c.databaseName)), c.asExpression);
      }
    }
  }
  const model = sealModel({
    schemas: [...stored.tables.map((t) => t.schema), ...stored.enums.map((e) => e.schema)],
    extensions: extensionsFor(stored.tables),
    enums: stored.enums,
    tables: stored.tables,
    typeormMetadata: { ...typeormMetadataTable(ds), generated: generatedRecords(stored.tables, expressions) },
  });
  return { model, shortened: stored.shortened };
}

/** Where TypeORM keeps typeorm_metadata: the data source's schema, else the default one. */
export function typeormMetadataTable(ds: DataSource): { schema: string; name: string } {
  return bookkeepingTables(ds).metadata;
}

/** The schema the entities describe (see entityModelReport). */
export function entityModel(ds: DataSource, options: EntityModelOptions = {}): SchemaModel {
  return entityModelReport(ds, options).model;
}
