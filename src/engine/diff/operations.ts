import type {
  CheckModel,
  ColumnGenerated,
  ColumnModel,
  EnumModel,
  ExclusionModel,
  ForeignKeyModel,
  GeneratedRecord,
  IndexModel,
  PrimaryKeyModel,
  TableModel,
  UniqueModel,
} from '../model/schema-model';

/**
 * The diff is data: `compare` returns a list of these, and rendering, `--sql`, `check`
 * and lint all read the same list. Every operation carries what its reverse needs (a drop
 * carries the full definition of what it drops), so `reverse` needs no database.
 */

/** Where a column-level operation applies. */
export interface TableRef {
  readonly schema: string;
  readonly table: string;
}

export interface MetadataTableRef {
  readonly schema: string;
  readonly name: string;
}

/** A column whose type is an enum; rebuilding the enum must retype it. */
export interface EnumUsage extends TableRef {
  readonly column: string;
  readonly array: boolean;
  /** The column's default, which must be dropped and restored around the retype. */
  readonly default: string | null;
  /**
   * The default to set after the retype when it changes in the same migration (null: none);
   * absent, `default` is restored if the new type still has its value.
   */
  readonly after?: string | null;
}

/**
 * A table as create-table/drop-table carry it: columns, primary key, unique and check
 * constraints. Its indexes and foreign keys are separate operations, so that foreign keys
 * can wait until every table exists.
 */
export type TableDefinition = Omit<TableModel, 'indexes' | 'foreignKeys'> & { readonly indexes: readonly []; readonly foreignKeys: readonly [] };

export type Operation =
  | { readonly kind: 'create-schema'; readonly schema: string }
  | { readonly kind: 'drop-schema'; readonly schema: string }
  | { readonly kind: 'create-extension'; readonly name: string }
  | { readonly kind: 'drop-extension'; readonly name: string }
  | { readonly kind: 'create-enum'; readonly enum: EnumModel }
  | { readonly kind: 'drop-enum'; readonly enum: EnumModel }
  /** `enum` is the type before the value is added; `usages` lets the reverse rebuild it. */
  | {
      readonly kind: 'add-enum-value';
      readonly enum: EnumModel;
      readonly value: string;
      readonly position: { readonly before: string } | { readonly after: string } | null;
      readonly usages: readonly EnumUsage[];
    }
  /** Renames the type away, creates it anew, retypes every column and drops the old one. */
  | { readonly kind: 'recreate-enum'; readonly from: EnumModel; readonly to: EnumModel; readonly usages: readonly EnumUsage[] }
  /** A confirmed rename (never inferred on its own): the table keeps its rows. */
  | {
      readonly kind: 'rename-table';
      readonly schema: string;
      readonly from: string;
      readonly to: string;
      /**
       * Serial and identity columns' sequences, renamed with the table (`<table>_<column>_seq`)
       * so the catalog equals that of a table created under the new name; by their stored
       * names, and left as they are where the new name is taken (two long names cut alike).
       */
      readonly sequences?: readonly { readonly from: string; readonly to: string }[];
    }
  | (TableRef & { readonly kind: 'rename-column'; readonly from: string; readonly to: string })
  /** A constraint whose name follows a renamed table or column (TypeORM names hash them). */
  | (TableRef & { readonly kind: 'rename-constraint'; readonly from: string; readonly to: string })
  | (TableRef & { readonly kind: 'rename-index'; readonly from: string; readonly to: string })
  | { readonly kind: 'create-table'; readonly table: TableDefinition }
  | { readonly kind: 'drop-table'; readonly table: TableDefinition }
  | (TableRef & { readonly kind: 'add-column'; readonly column: ColumnModel })
  | (TableRef & { readonly kind: 'drop-column'; readonly column: ColumnModel })
  /**
   * A type change resets the collation to the new type's default, so it carries the collation
   * before and after (absent: none) and restores it in the same statement.
   */
  | (TableRef & {
      readonly kind: 'alter-column-type';
      readonly column: string;
      readonly from: string;
      readonly to: string;
      readonly using: string;
      readonly reverseUsing: string;
      readonly collation?: string | null;
      readonly previousCollation?: string | null;
    })
  | (TableRef & { readonly kind: 'set-not-null'; readonly column: string })
  | (TableRef & { readonly kind: 'drop-not-null'; readonly column: string })
  /**
   * Serial, identity or neither; `type` is the column's type after any type change. The
   * sequences' stored names where PostgreSQL would not choose them (ColumnModel.sequence).
   */
  | (TableRef & {
      readonly kind: 'set-generated';
      readonly column: string;
      readonly type: string;
      readonly from: ColumnGenerated | null;
      readonly to: ColumnGenerated | null;
      readonly fromSequence?: string;
      readonly toSequence?: string;
    })
  | (TableRef & { readonly kind: 'set-default'; readonly column: string; readonly default: string; readonly previous: string | null })
  | (TableRef & { readonly kind: 'drop-default'; readonly column: string; readonly previous: string })
  | (TableRef & { readonly kind: 'add-primary-key'; readonly primaryKey: PrimaryKeyModel })
  | (TableRef & { readonly kind: 'drop-primary-key'; readonly primaryKey: PrimaryKeyModel })
  | (TableRef & { readonly kind: 'add-unique'; readonly unique: UniqueModel })
  | (TableRef & { readonly kind: 'drop-unique'; readonly unique: UniqueModel })
  | (TableRef & { readonly kind: 'add-check'; readonly check: CheckModel })
  | (TableRef & { readonly kind: 'drop-check'; readonly check: CheckModel })
  | (TableRef & { readonly kind: 'add-exclusion'; readonly exclusion: ExclusionModel })
  | (TableRef & { readonly kind: 'drop-exclusion'; readonly exclusion: ExclusionModel })
  /** `type` is the column's type at that point (COLLATE needs it); null is the type's default collation. */
  | (TableRef & { readonly kind: 'set-collation'; readonly column: string; readonly type: string; readonly collation: string | null; readonly previous: string | null })
  /**
   * A row of TypeORM's typeorm_metadata table, where its own diff reads a stored generated
   * column's expression; `metadataTable` is where that table lives.
   */
  | { readonly kind: 'record-generated'; readonly metadataTable: MetadataTableRef; readonly record: GeneratedRecord }
  | { readonly kind: 'forget-generated'; readonly metadataTable: MetadataTableRef; readonly record: GeneratedRecord }
  /**
   * `concurrently` is set by the safe-rewrite step, never by compare: an index on an
   * existing table is built without blocking writes, in a migration outside a transaction.
   */
  | (TableRef & { readonly kind: 'create-index'; readonly index: IndexModel; readonly concurrently?: boolean })
  | (TableRef & { readonly kind: 'drop-index'; readonly index: IndexModel; readonly concurrently?: boolean })
  /** COMMENT ON TABLE / COLUMN (`column` null for the table); null removes the comment. */
  | (TableRef & { readonly kind: 'set-comment'; readonly column: string | null; readonly comment: string | null; readonly previous: string | null })
  /** `notValid`: on a table that has rows, added unchecked and validated by a later migration. */
  | (TableRef & { readonly kind: 'add-foreign-key'; readonly foreignKey: ForeignKeyModel; readonly notValid?: boolean })
  /** Checks the rows against a foreign key added NOT VALID; defines nothing, so nothing to undo. */
  | (TableRef & { readonly kind: 'validate-foreign-key'; readonly foreignKey: ForeignKeyModel })
  | (TableRef & { readonly kind: 'drop-foreign-key'; readonly foreignKey: ForeignKeyModel });

export type OperationKind = Operation['kind'];

/** An operation with no reverse, and why; rendering turns it into a down() that throws. */
export interface Irreversible {
  readonly kind: 'irreversible';
  readonly reason: string;
  readonly operation: Operation;
}

/** A table definition without its indexes and foreign keys, as table operations carry it. */
export function tableDefinition(table: TableModel): TableDefinition {
  return { ...table, indexes: [], foreignKeys: [] };
}
