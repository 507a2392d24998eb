/**
 * The schema as plain, immutable data. The entities produce one (the desired state), the
 * catalog produces another (the actual state) and `compare` diffs the two. Every string is
 * canonical (see ./canonical), so equal schemas give deeply equal models.
 */
export interface SchemaModel {
  /** Schemas that exist or that the entities use, sorted. */
  readonly schemas: readonly string[];
  /** Extensions, by name, sorted. */
  readonly extensions: readonly string[];
  /** Sorted by schema, then name. */
  readonly enums: readonly EnumModel[];
  /** Sorted by schema, then name. */
  readonly tables: readonly TableModel[];
  /**
   * The rows TypeORM keeps in its typeorm_metadata table for stored generated columns
   * (its own diff reads the expression from there), or null when nobody asked for them.
   */
  readonly typeormMetadata: TypeormMetadataModel | null;
}

export interface TypeormMetadataModel {
  /** Where TypeORM keeps the table: the data source's schema and metadataTableName. */
  readonly schema: string;
  readonly name: string;
  /** Sorted by schema, table, column. */
  readonly generated: readonly GeneratedRecord[];
}

/** One `GENERATED_COLUMN` row: the expression exactly as the entity wrote it. */
export interface GeneratedRecord {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly value: string;
}

export interface EnumModel {
  readonly schema: string;
  readonly name: string;
  /** In declaration order: the order is part of the type. */
  readonly values: readonly string[];
}

export interface TableModel {
  readonly schema: string;
  readonly name: string;
  /** In table order (the entity's declaration order, or attnum). */
  readonly columns: readonly ColumnModel[];
  readonly primaryKey: PrimaryKeyModel | null;
  /** Each list sorted by name. */
  readonly uniques: readonly UniqueModel[];
  readonly checks: readonly CheckModel[];
  readonly exclusions: readonly ExclusionModel[];
  readonly indexes: readonly IndexModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
  /** COMMENT ON TABLE, or null. */
  readonly comment: string | null;
}

/** `serial` is a sequence-backed default; identity columns are SQL-standard identities. */
export type ColumnGenerated = 'serial' | 'identity-always' | 'identity-by-default';

export interface ColumnModel {
  readonly name: string;
  /** Canonical type, e.g. `character varying(80)`, `numeric(10,2)`, `text[]`, `"public"."user_role"[]`. */
  readonly type: string;
  readonly nullable: boolean;
  /** Canonical default expression (valid SQL), or null. */
  readonly default: string | null;
  readonly generated: ColumnGenerated | null;
  /** A stored generated column's expression (`GENERATED ALWAYS AS (…) STORED`), or null. */
  readonly expression: string | null;
  /** COMMENT ON COLUMN, or null. */
  readonly comment: string | null;
  /** A collation other than the type's default (`C`, `und-x-icu`), or null. */
  readonly collation: string | null;
  /**
   * The owned sequence's stored name (serial or identity), read from the catalog only where
   * PostgreSQL might not choose it again, so a table a down() builds again gets it back.
   * Entities never declare it, and the diff never compares it.
   */
  readonly sequence?: string;
}

export interface PrimaryKeyModel {
  readonly name: string;
  readonly columns: readonly string[];
}

/** null, or `INITIALLY IMMEDIATE` / `INITIALLY DEFERRED` for a deferrable constraint. */
export type Deferrable = 'INITIALLY IMMEDIATE' | 'INITIALLY DEFERRED' | null;

export interface UniqueModel {
  readonly name: string;
  readonly columns: readonly string[];
  readonly deferrable: Deferrable;
}

export interface ExclusionModel {
  readonly name: string;
  /** Everything after EXCLUDE: `USING gist ("during" WITH &&) WHERE (…)`. */
  readonly expression: string;
  readonly deferrable: Deferrable;
}

export interface CheckModel {
  readonly name: string;
  /** The boolean expression, without CHECK and the outer parentheses. */
  readonly expression: string;
}

export interface IndexModel {
  readonly name: string;
  /** Column names; an expression is kept in parentheses, e.g. `(lower(email))`. */
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** The predicate of a partial index, as SQL, or null. */
  readonly where: string | null;
  /** Access method, lower case: btree, gist, gin, hash, ... */
  readonly method: string;
}

export type ReferentialAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

export interface ForeignKeyModel {
  readonly name: string;
  readonly columns: readonly string[];
  readonly referencedSchema: string;
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
  readonly deferrable: Deferrable;
}

/** A name that sorts and identifies a schema object: `schema.name`. */
/**
 * The identity of a schema-qualified object, for maps and sets. NUL cannot appear in a
 * PostgreSQL name, so `"a.b"."c"` and `"a"."b.c"` never share a key (hardening H5).
 */
export function qualifiedKey(object: { readonly schema: string; readonly name: string }): string {
  return `${object.schema}\u0000${object.name}`;
}

/** The identity of a column: schema, table and column, NUL-separated like qualifiedKey. */
export function columnKey(schema: string, table: string, column: string): string {
  return `${schema}\u0000${table}\u0000${column}`;
}

/** `schema.name`, for messages only: dots inside names make it ambiguous as a key. */
export function displayName(object: { readonly schema: string; readonly name: string }): string {
  return `${object.schema}.${object.name}`;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byName = <T extends { readonly name: string }>(a: T, b: T) => byString(a.name, b.name);
const byQualified = <T extends { readonly schema: string; readonly name: string }>(a: T, b: T) =>
  byString(qualifiedKey(a), qualifiedKey(b));

/** Deep-freezes a model after sorting every list that has no meaningful order of its own. */
export function sealModel(model: SchemaModel): SchemaModel {
  const tables = [...model.tables].sort(byQualified).map((t) =>
    deepFreeze({
      ...t,
      uniques: [...t.uniques].sort(byName),
      checks: [...t.checks].sort(byName),
      exclusions: [...t.exclusions].sort(byName),
      indexes: [...t.indexes].sort(byName),
      foreignKeys: [...t.foreignKeys].sort(byName),
    }),
  );
  return deepFreeze({
    schemas: [...new Set(model.schemas)].sort(byString),
    extensions: [...new Set(model.extensions)].sort(byString),
    enums: [...model.enums].sort(byQualified),
    tables,
    typeormMetadata: model.typeormMetadata && {
      ...model.typeormMetadata,
      generated: [...model.typeormMetadata.generated].sort((a, b) =>
        byString(`${a.schema}\u0000${a.table}\u0000${a.column}`, `${b.schema}\u0000${b.table}\u0000${b.column}`),
      ),
    },
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

export { byString, byName, byQualified };
