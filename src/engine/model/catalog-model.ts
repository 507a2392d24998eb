import type { Queryable } from '../inspect/queryable';
import { qualify } from '../sql/quote';
import { canonicalCatalogType } from './canonical/canonical-type';
import { canonicalComment } from './canonical/canonical-comment';
import { canonicalDefault, stripOuterParens } from './canonical/canonical-default';
import { storedSequenceName } from './stored-names';
import {
  COLUMNS_SQL,
  CONSTRAINTS_SQL,
  ENUMS_SQL,
  EXTENSIONS_SQL,
  GENERATED_RECORDS_SQL,
  INDEXES_SQL,
  TABLES_SQL,
  USER_SCHEMAS_SQL,
} from './catalog-queries';
import {
  qualifiedKey,
  sealModel,
  type CheckModel,
  type ColumnModel,
  type Deferrable,
  type ExclusionModel,
  type GeneratedRecord,
  type ForeignKeyModel,
  type IndexModel,
  type ReferentialAction,
  type SchemaModel,
  type TableModel,
  type UniqueModel,
  type PrimaryKeyModel,
} from './schema-model';

/** Tables that record history rather than hold the application's data. */
export const BOOKKEEPING_PREFIX = 'db_manage_';

export interface CatalogModelOptions {
  /** Schemas to read; defaults to every user schema. Missing ones are simply absent. */
  readonly schemas?: readonly string[];
  /** Tables to leave out, e.g. TypeORM's `migrations` table. */
  readonly ignoreTables?: readonly { readonly schema: string; readonly name: string }[];
  /** TypeORM's metadata table, whose GENERATED_COLUMN rows are read into `typeormMetadata`. */
  readonly typeormMetadata?: { readonly schema: string; readonly name: string };
}

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

interface ColumnRow {
  table_oid: string;
  name: string;
  formatted: string;
  is_enum: boolean;
  is_array: boolean;
  type_schema: string;
  type_name: string;
  nullable: boolean;
  default_sql: string | null;
  /** pg_get_expr wrote '…' literals for standard_conforming_strings = off (backslashes doubled). */
  backslash_escapes: boolean;
  identity: string;
  generated: string;
  /** The sequence the column owns (serial or identity), or null. */
  sequence_name: string | null;
  table_name: string;
  comment: string | null;
  collation: string | null;
}

interface ConstraintRow {
  table_oid: string;
  name: string;
  type: 'p' | 'u' | 'f' | 'c' | 'x';
  columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[];
  on_delete: string;
  on_update: string;
  deferrable: boolean;
  deferred: boolean;
  definition: string;
}

interface IndexRow {
  table_oid: string;
  name: string;
  is_unique: boolean;
  method: string;
  columns: string[];
  predicate: string | null;
}

interface TableParts {
  schema: string;
  name: string;
  columns: ColumnModel[];
  primaryKey: PrimaryKeyModel | null;
  uniques: UniqueModel[];
  checks: CheckModel[];
  exclusions: ExclusionModel[];
  indexes: IndexModel[];
  foreignKeys: ForeignKeyModel[];
  comment: string | null;
}

function columnOf(row: ColumnRow): ColumnModel {
  const type = canonicalCatalogType({
    formatted: row.formatted,
    isEnum: row.is_enum,
    isArray: row.is_array,
    schema: row.type_schema,
    name: row.type_name,
  });
  const serial = row.sequence_name !== null && row.identity === '' && /^nextval\(/i.test(row.default_sql ?? '');
  const generated = row.identity === 'a' ? 'identity-always' : row.identity === 'd' ? 'identity-by-default' : serial ? 'serial' : null;
  return {
    name: row.name,
    type,
    nullable: row.nullable,
    // A serial's nextval() and a generated column's expression are not user defaults.
    default: generated || row.generated === 's' ? null : canonicalDefault(row.default_sql, type, { backslashEscapes: row.backslash_escapes }),
    generated,
    expression: row.generated === 's' && row.default_sql !== null ? stripOuterParens(row.default_sql) : null,
    comment: canonicalComment(row.comment),
    collation: row.collation,
    ...(generated === null ? {} : storedSequence(row)),
  };
}

/** The owned sequence's name, where a table built again might not get it back (storedSequenceName). */
function storedSequence(row: ColumnRow): { sequence?: string } {
  const sequence = row.sequence_name === null ? undefined : storedSequenceName(row.table_name, row.name, row.sequence_name);
  return sequence === undefined ? {} : { sequence };
}

/** The CHECK (...) body: `CHECK ((price > (0)::numeric))` → `price > (0)::numeric`. */
function checkExpression(definition: string): string {
  const body = definition.replace(/^CHECK\s*/i, '').replace(/\s+NOT VALID$/i, '');
  return stripOuterParens(body);
}

/** `EXCLUDE USING gist (during WITH &&) DEFERRABLE` → `USING gist (during WITH &&)`. */
function exclusionExpression(definition: string): string {
  return definition
    .replace(/^EXCLUDE\s*/i, '')
    .replace(/\s+DEFERRABLE(\s+INITIALLY\s+(DEFERRED|IMMEDIATE))?$/i, '')
    .trim();
}

function addConstraint(table: TableParts, row: ConstraintRow): void {
  const deferrable: Deferrable = row.deferrable ? (row.deferred ? 'INITIALLY DEFERRED' : 'INITIALLY IMMEDIATE') : null;
  if (row.type === 'p') table.primaryKey = { name: row.name, columns: row.columns };
  else if (row.type === 'u') table.uniques.push({ name: row.name, columns: row.columns, deferrable });
  else if (row.type === 'c') table.checks.push({ name: row.name, expression: checkExpression(row.definition) });
  else if (row.type === 'x') table.exclusions.push({ name: row.name, expression: exclusionExpression(row.definition), deferrable });
  else
    table.foreignKeys.push({
      name: row.name,
      columns: row.columns,
      referencedSchema: row.ref_schema ?? '',
      referencedTable: row.ref_table ?? '',
      referencedColumns: row.ref_columns,
      onDelete: ACTIONS[row.on_delete] ?? 'NO ACTION',
      onUpdate: ACTIONS[row.on_update] ?? 'NO ACTION',
      deferrable,
    });
}

/**
 * Reads the live schema in seven queries, whatever its size. Parallel workers are off while
 * it reads: for catalog queries their start-up costs more than it saves (the columns query of
 * 300 tables took 0.4 s with them and 0.14 s without, on 2 cores). The session's own setting
 * is put back after.
 */
export async function catalogModel(db: Queryable, options: CatalogModelOptions = {}): Promise<SchemaModel> {
  const [{ workers }] = (await db.query(`SELECT current_setting('max_parallel_workers_per_gather') AS workers, set_config('max_parallel_workers_per_gather', '0', false)`)) as { workers: string }[];
  try {
    return await readCatalog(db, options);
  } finally {
    await db.query(`SELECT set_config('max_parallel_workers_per_gather', $1, false)`, [workers]);
  }
}

async function readCatalog(db: Queryable, options: CatalogModelOptions): Promise<SchemaModel> {
  const existing = ((await db.query(USER_SCHEMAS_SQL)) as { name: string }[]).map((r) => r.name);
  const schemas = options.schemas ? existing.filter((s) => options.schemas!.includes(s)) : existing;
  const params = [schemas];
  const extensions = ((await db.query(EXTENSIONS_SQL)) as { name: string }[]).map((r) => r.name);
  const enums = (await db.query(ENUMS_SQL, params)) as { schema: string; name: string; values: string[] }[];
  const ignored = new Set((options.ignoreTables ?? []).map((t) => qualifiedKey({ schema: t.schema, name: t.name })));
  const tables = new Map<string, TableParts>();
  for (const row of (await db.query(TABLES_SQL, params)) as { oid: string; schema: string; name: string; comment: string | null }[]) {
    if (ignored.has(qualifiedKey(row)) || row.name.startsWith(BOOKKEEPING_PREFIX)) continue;
    const comment = canonicalComment(row.comment);
    tables.set(String(row.oid), { schema: row.schema, name: row.name, columns: [], primaryKey: null, uniques: [], checks: [], exclusions: [], indexes: [], foreignKeys: [], comment });
  }
  for (const row of (await db.query(COLUMNS_SQL, params)) as ColumnRow[]) tables.get(String(row.table_oid))?.columns.push(columnOf(row));
  for (const row of (await db.query(CONSTRAINTS_SQL, params)) as ConstraintRow[]) {
    const table = tables.get(String(row.table_oid));
    if (table) addConstraint(table, row);
  }
  for (const row of (await db.query(INDEXES_SQL, params)) as IndexRow[]) {
    tables.get(String(row.table_oid))?.indexes.push({
      name: row.name,
      columns: row.columns,
      unique: row.is_unique,
      where: row.predicate === null ? null : stripOuterParens(row.predicate),
      method: row.method,
    });
  }
  return sealModel({
    schemas,
    extensions,
    enums: enums.map((e) => ({ schema: e.schema, name: e.name, values: e.values })),
    tables: [...tables.values()] as TableModel[],
    typeormMetadata: options.typeormMetadata ? { ...options.typeormMetadata, generated: await generatedRecords(db, options.typeormMetadata, params) } : null,
  });
}

/** The GENERATED_COLUMN rows TypeORM would find; none while its table does not exist. */
async function generatedRecords(db: Queryable, at: { readonly schema: string; readonly name: string }, params: unknown[]): Promise<GeneratedRecord[]> {
  const table = qualify(at.schema, at.name);
  const [exists] = (await db.query('SELECT to_regclass($1) IS NOT NULL AS exists', [table])) as { exists: boolean }[];
  if (!exists?.exists) return [];
  return (await db.query(GENERATED_RECORDS_SQL(table), params)) as GeneratedRecord[];
}
