import { migrationTarget } from '../engine/project/migration-target';
import { writeMigration } from '../engine/autogen/write-migration';
import { loadDataSource } from '../engine/project/load-data-source';
import { migrationName } from '../engine/render/migration-name';
import { renderMigration } from '../engine/render/render-migration';
import type { ApiOptions } from './api-options';

export interface RevisionOptions extends ApiOptions {
  readonly message: string;
  /** Write here instead of the folder of the data source's migrations glob. */
  readonly directory?: string;
}

export interface RevisionReport {
  readonly file: string;
  readonly className: string;
}

/** Writes an empty migration to fill in by hand. Needs no database. */
export async function revision(options: RevisionOptions): Promise<RevisionReport> {
  migrationName(options.message, Date.now()); // a bad message is refused before anything loads
  const cwd = options.cwd ?? process.cwd();
  const loaded = await loadDataSource(cwd, options.datasource, options.env);
  const { directory, flavour } = migrationTarget(loaded.options, loaded.file, cwd, options.directory);
  const name = migrationName(options.message, Date.now(), flavour.extension);
  const content = renderMigration({ className: name.className, message: options.message, operations: [], language: flavour.language });
  const file = writeMigration(directory, name.fileName, content);
  return { file, className: name.className };
}
