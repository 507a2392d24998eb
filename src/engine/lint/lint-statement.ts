/**
 * The linter's input: the SQL a migration's `up` runs, one record per query call, with
 * whatever the producer knows besides the SQL. A generated migration knows its typed
 * operations; a recorded hand-written one knows only its SQL and source lines.
 */
export interface LintStatement {
  /** One query call's SQL; it may hold several statements separated by semicolons. */
  readonly sql: string;
  /** The migration's name (class name), which groups statements. */
  readonly migration: string;
  /** The position of this query call in the migration's `up`, from 0. */
  readonly index: number;
  /** The migration's source file, when known (relative or absolute). */
  readonly file?: string;
  /** The 1-based source line of the call in `file`, when known. */
  readonly line?: number;
  /** Rule codes silenced here (inline `// db-manage-ignore` comments, file-level ones included). */
  readonly ignore?: readonly string[];
  /** The `kind` tag of the typed operation this SQL was rendered from, e.g. 'add-column'. */
  readonly operation?: string;
  /**
   * `migrate` wrote this SQL from the entities (a typed operation, or a migration file with
   * its header). Rules about style (types, dropping) leave it to the entities; lock rules do not.
   */
  readonly generated?: boolean;
  /**
   * The statement's table is (true) or is not (false) created earlier in this same
   * migration. Overrides detection from the SQL, which only sees CREATE TABLE statements.
   */
  readonly newTable?: boolean;
  /** For a column type change: the type the column has before it, e.g. "character varying(200)". */
  readonly previousType?: string;
  /** Whether the migration runs inside a transaction (false for `transaction = false`). */
  readonly inTransaction?: boolean;
  /** Sent past the migration's query runner, on another connection (`queryRunner.connection`, a repository, a new runner). */
  readonly otherConnection?: boolean;
}

/** Facts about the whole run that no single statement carries. All optional: rules skip what is unknown. */
export interface LintContext {
  /** The columns each entity-mapped table has in the entities, keyed "schema.table". */
  readonly entityColumns?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Column types in the database before the run (format_type spelling), keyed "schema.table" → column. */
  readonly columnTypes?: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The schema unqualified names resolve to; defaults to public. */
  readonly defaultSchema?: string;
}
