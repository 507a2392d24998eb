import { migrationsDir } from '../engine/project/migrations-dir';
import { projectDiff, refusePending, summarise, type LoadedEntities, type OperationSummary } from '../engine/autogen/project-diff';
import { writeMigration } from '../engine/autogen/write-migration';
import { reverseAll } from '../engine/diff/reverse';
import { toSql } from '../engine/diff/to-sql';
import { migrationName } from '../engine/render/migration-name';
import { renderMigration } from '../engine/render/render-migration';
import type { ApiOptions } from './api-options';
import { withProject } from './project-session';

export interface MigrateOptions extends ApiOptions {
  /** What the migration does, e.g. "Add phone"; names the file and the class. */
  readonly message: string;
  /** Return the SQL instead of writing a file. */
  readonly sql?: boolean;
  /** Write here instead of the folder of the data source's migrations glob. */
  readonly directory?: string;
}

export interface MigrateReport {
  /** False when the entities already match the database: nothing was written. */
  readonly changed: boolean;
  readonly entities: LoadedEntities;
  readonly operations: readonly OperationSummary[];
  /** The file written; null with no changes or with `sql`. */
  readonly file: string | null;
  readonly className: string | null;
  /** With `sql`: the statements of up() and down(). */
  readonly sql?: { readonly up: readonly string[]; readonly down: readonly string[] };
}

/**
 * Diffs the entities against the database and writes a migration for the difference.
 * Refuses while migrations are pending: a diff against an old schema would repeat them.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateReport> {
  // Validate the message before any connection is made.
  migrationName(options.message, 0);
  return withProject(options, async (session, ds) => {
    const diff = await projectDiff(ds);
    refusePending(diff.pending);
    const base = { entities: diff.entities, operations: summarise(diff.operations) };
    if (diff.operations.length === 0) return { ...base, changed: false, file: null, className: null };
    if (options.sql) {
      const up = diff.operations.flatMap(toSql);
      const down = reverseAll(diff.operations).flatMap(toSql);
      return { ...base, changed: true, file: null, className: null, sql: { up, down } };
    }
    const name = migrationName(options.message, Date.now());
    const content = renderMigration({ className: name.className, message: options.message, operations: diff.operations });
    const directory = options.directory ?? migrationsDir(session.loaded.options, session.cwd);
    const file = writeMigration(directory, name.fileName, content);
    return { ...base, changed: true, file, className: name.className };
  });
}
