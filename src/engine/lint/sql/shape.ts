import { qualifiedKey } from '../../model/schema-model';

/**
 * The typed shape of one SQL statement, as far as the lock-aware rules care.
 * Plain data: the classifier builds it, rules read it, nobody mutates it.
 */

/** A table name as PostgreSQL resolves it: unquoted parts folded to lower case. */
export interface TableName {
  /** Absent when the statement does not qualify the name (the search path decides). */
  readonly schema?: string;
  readonly name: string;
}

export type ConstraintType = 'foreign-key' | 'check' | 'unique' | 'primary-key' | 'exclude';

export interface AddColumn {
  readonly kind: 'add-column';
  readonly column: string;
  /** ADD COLUMN IF NOT EXISTS. */
  readonly ifNotExists: boolean;
  /** The type in format_type()'s spelling, as the diff writes it: "character varying(20)", "integer", "public.user_role[]". */
  readonly type: string;
  readonly notNull: boolean;
  /** A DEFAULT clause: NULL, or a value. Absent without one. */
  readonly default?: 'null' | 'value';
  /** Function names called in the default, lower case (for volatility). */
  readonly defaultCalls: readonly string[];
  /** GENERATED … AS IDENTITY, or GENERATED ALWAYS AS (…) STORED. */
  readonly generated?: 'identity' | 'stored';
  readonly primaryKey: boolean;
  readonly unique: boolean;
  readonly check: boolean;
  /** An inline REFERENCES clause. */
  readonly references?: TableName;
}

export interface AddConstraint {
  readonly kind: 'add-constraint';
  readonly name?: string;
  readonly constraint: ConstraintType;
  readonly notValid: boolean;
  /** UNIQUE/PRIMARY KEY … USING INDEX: attaches an index built beforehand. */
  readonly usingIndex: boolean;
  readonly columns: readonly string[];
  readonly references?: TableName;
  /** For CHECK (col IS NOT NULL): the column, so SET NOT NULL can later skip its scan. */
  readonly notNullColumn?: string;
}

export type AlterAction =
  | AddColumn
  | AddConstraint
  | { readonly kind: 'drop-column'; readonly column: string; readonly missingOk: boolean }
  /** `using`: a USING clause that is the plain cast to the new type, or any other expression. */
  | { readonly kind: 'alter-column-type'; readonly column: string; readonly type: string; readonly using?: 'plain-cast' | 'expression' }
  | { readonly kind: 'set-not-null'; readonly column: string }
  | { readonly kind: 'drop-not-null'; readonly column: string }
  /** `calls`: the functions the new default calls, lower case. */
  | { readonly kind: 'set-default'; readonly column: string; readonly calls: readonly string[] }
  | { readonly kind: 'drop-default'; readonly column: string }
  | { readonly kind: 'validate-constraint'; readonly name: string }
  | { readonly kind: 'drop-constraint'; readonly name: string }
  | { readonly kind: 'rename-column'; readonly from: string; readonly to: string }
  | { readonly kind: 'rename-table'; readonly to: string }
  | { readonly kind: 'rename-constraint'; readonly from: string; readonly to: string }
  | { readonly kind: 'other-action'; readonly text: string };

/** A column of CREATE TABLE, for the rules on types. */
export interface ColumnShape {
  readonly name: string;
  /** In format_type()'s spelling, as AddColumn.type. */
  readonly type: string;
  readonly primaryKey: boolean;
}

export type Shape =
  | {
      readonly kind: 'create-table';
      readonly table: TableName;
      readonly temporary: boolean;
      readonly ifNotExists: boolean;
      /** Empty for CREATE TABLE … AS. */
      readonly columns: readonly ColumnShape[];
    }
  | {
      readonly kind: 'create-index';
      readonly table: TableName;
      readonly index?: string;
      readonly concurrently: boolean;
      readonly unique: boolean;
      readonly ifNotExists: boolean;
    }
  | { readonly kind: 'drop-index'; readonly indexes: readonly TableName[]; readonly concurrently: boolean; readonly missingOk: boolean }
  | { readonly kind: 'reindex'; readonly concurrently: boolean }
  | { readonly kind: 'alter-table'; readonly table: TableName; readonly actions: readonly AlterAction[] }
  | { readonly kind: 'drop-table'; readonly tables: readonly TableName[]; readonly missingOk: boolean }
  | { readonly kind: 'truncate'; readonly tables: readonly TableName[]; readonly cascade: boolean }
  | { readonly kind: 'drop-database'; readonly name: string }
  /**
   * BEGIN, COMMIT, ROLLBACK, SAVEPOINT…: `command` upper case, as the statement label; `effect`
   * on the session's transaction: opens one (BEGIN, START), ends it (COMMIT, END, ROLLBACK,
   * ABORT, PREPARE TRANSACTION), or neither (SAVEPOINT, RELEASE, ROLLBACK TO, COMMIT/ROLLBACK PREPARED).
   */
  | { readonly kind: 'transaction'; readonly command: string; readonly effect: 'open' | 'close' | 'none' }
  | { readonly kind: 'create-domain'; readonly name: string; readonly constraints: number }
  | { readonly kind: 'alter-domain'; readonly name: string; readonly addsConstraint: boolean; readonly notValid: boolean }
  /** SET [LOCAL] name = value, RESET name, or SELECT set_config(name, value, local). */
  | { readonly kind: 'set'; readonly name: string; readonly value: string | null; readonly local: boolean }
  /** Statements that take strong locks on a table we do not parse further (TRUNCATE, LOCK, CREATE TRIGGER…). */
  | { readonly kind: 'table-lock'; readonly statement: string }
  | { readonly kind: 'other'; readonly statement: string };

/** "schema.name" with the default schema filled in: the key tables are compared by. */
export function tableKey(table: TableName, defaultSchema = 'public'): string {
  return qualifiedKey({ schema: table.schema ?? defaultSchema, name: table.name });
}

/** How messages show a table: as the statement wrote it, without quotes. */
export function tableLabel(table: TableName): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name;
}
