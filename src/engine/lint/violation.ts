import type { Level } from './rule';

/** Where a violation is: the migration, the query call in its `up`, and the source line when known. */
export interface ViolationLocation {
  readonly migration: string;
  /** The query call's position in `up`, from 0. */
  readonly statement: number;
  readonly file?: string;
  readonly line?: number;
}

/** One rule firing at one statement: a small record, printed by the CLI and returned as JSON. */
export interface Violation {
  readonly code: string;
  readonly level: Level;
  readonly message: string;
  /** The safe alternative. */
  readonly help: string;
  readonly location: ViolationLocation;
  /** The offending SQL statement. */
  readonly sql: string;
  /** A safe rewrite of the statement, where one exists (an autofix hint: shown, never applied). */
  readonly fix?: string;
}
