/**
 * A generated entity set as plain data: the generator and the edits produce it, the
 * renderer turns it into decorated TypeScript, the oracle reads the catalog against it,
 * and the shrinker removes parts of it. Plain JSON, so a failure is saved and replayed.
 */

/** A column default as the user writes it. */
export type DefaultSpec =
  /** `default: 42`, `default: 'text'`, `default: true`. */
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  /** `default: { a: 1 }` or `default: [1, 2]` on json/jsonb; `default: ['a']` on an array column. */
  | { readonly kind: 'value'; readonly value: unknown }
  /** `default: () => 'now()'`. */
  | { readonly kind: 'sql'; readonly sql: string };

export type ColumnDecorator = 'Column' | 'CreateDateColumn' | 'UpdateDateColumn' | 'DeleteDateColumn' | 'VersionColumn';

export interface ColumnSpec {
  readonly prop: string;
  /** The database name (`name:` option); absent, TypeORM uses the property name. */
  readonly name?: string;
  readonly decorator: ColumnDecorator;
  /** The TypeORM type as written in `type:`. */
  readonly type: string;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly array?: boolean;
  readonly enumValues?: readonly string[];
  readonly enumName?: string;
  readonly nullable?: boolean;
  readonly unique?: boolean;
  readonly default?: DefaultSpec;
  readonly comment?: string;
  readonly collation?: string;
  /** A stored generated column's SQL expression. */
  readonly generatedExpr?: string;
  /** A property-level `@Index()`. */
  readonly indexed?: boolean;
}

export type PrimaryStrategy = 'increment' | 'uuid' | 'identity' | 'int' | 'varchar';

export interface PrimarySpec {
  readonly prop: string;
  readonly name?: string;
  readonly strategy: PrimaryStrategy;
}

/** Class-level decorators name properties; expressions (check, where) name database columns. */
export interface IndexSpec {
  readonly name?: string;
  readonly props: readonly string[];
  readonly unique?: boolean;
  readonly where?: string;
}

export interface UniqueSpec {
  readonly name?: string;
  readonly props: readonly string[];
  readonly deferrable?: 'INITIALLY DEFERRED' | 'INITIALLY IMMEDIATE';
}

export interface CheckSpec {
  readonly name?: string;
  readonly expression: string;
}

export interface ExclusionSpec {
  readonly name?: string;
  readonly expression: string;
}

export type RelationKind = 'many-to-one' | 'one-to-one' | 'many-to-many';
export type FkAction = 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION';

export interface RelationSpec {
  readonly kind: RelationKind;
  readonly prop: string;
  /** The class name of the target entity. */
  readonly target: string;
  readonly nullable?: boolean;
  readonly onDelete?: FkAction;
  readonly onUpdate?: FkAction;
  readonly cascade?: boolean;
  /** `@JoinColumn({ name })` for to-one relations. */
  readonly joinColumn?: string;
  /** `@JoinTable({ name })` for many-to-many; absent, TypeORM derives one. */
  readonly joinTable?: string;
  /** Many-to-many: the inverse side also declares the `@JoinTable` (class 2). */
  readonly bothSides?: boolean;
}

export interface EmbeddedSpec {
  readonly prop: string;
  readonly className: string;
  /** `prefix: false`, a string, or absent (the property name). */
  readonly prefix?: string | false;
  readonly columns: readonly ColumnSpec[];
}

export type TreeKind = 'closure-table' | 'materialized-path' | 'nested-set';

export interface ChildEntitySpec {
  readonly className: string;
  readonly value: string;
  readonly columns: readonly ColumnSpec[];
}

export interface EntitySpec {
  readonly className: string;
  readonly table: string;
  readonly schema?: string;
  readonly comment?: string;
  readonly primary: PrimarySpec;
  readonly columns: readonly ColumnSpec[];
  readonly indexes: readonly IndexSpec[];
  readonly uniques: readonly UniqueSpec[];
  readonly checks: readonly CheckSpec[];
  readonly exclusions: readonly ExclusionSpec[];
  readonly relations: readonly RelationSpec[];
  readonly embedded: readonly EmbeddedSpec[];
  readonly tree?: TreeKind;
  /** Single-table inheritance: this entity is the root, with a discriminator and children. */
  readonly sti?: { readonly column: string; readonly children: readonly ChildEntitySpec[] };
}

export interface EntitySet {
  readonly entities: readonly EntitySpec[];
}

/** The database name of a column. */
export const columnName = (c: { readonly prop: string; readonly name?: string }): string => c.name ?? c.prop;

export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every property name of an entity that holds a column of its own table. */
export function ownColumns(e: EntitySpec): ColumnSpec[] {
  return [...e.columns, ...(e.sti?.children.flatMap((c) => c.columns) ?? [])];
}
