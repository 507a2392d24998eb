import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { defaultBackupFile, formatForFile, type BackupFormat } from '../engine/backup/backup-file';
import { libpqEnv } from '../engine/backup/libpq-env';
import { BACKUP_FILE_MODE, createPrivateFile, makePrivateFolders } from '../engine/backup/private-file';
import { requireTool } from '../engine/backup/pg-tool';
import { runTool } from '../engine/backup/run-tool';
import { withClient } from '../engine/connection/with-client';
import { DbManageError } from '../engine/errors/db-manage-error';
import { serverVersion } from '../engine/inspect/server-version';
import { rowsOf } from '../engine/inspect/queryable';
import { commandLine, shellWord } from '../engine/text/command-line';
import type { ApiOptions } from './api-options';
import { openConnection, step } from './connection-session';

export interface BackupOptions extends ApiOptions {
  /** Where to write; defaults to backups/<database>-<time>.dump. A .sql name writes plain SQL. */
  readonly file?: string;
  /** Replace an existing file. */
  readonly overwrite?: boolean;
}

export interface BackupReport {
  readonly database: string;
  /** Absolute path of the dump. */
  readonly file: string;
  readonly format: BackupFormat;
  readonly sizeBytes: number;
  readonly tool: { readonly path: string; readonly version: string };
  readonly restoreCommand: string;
}

/** A portable dump with pg_dump; needs a pg_dump of the server's major version. */
export async function backup(options: BackupOptions = {}): Promise<BackupReport> {
  const session = await openConnection(options);
  const server = await withClient(session.conn, (client) => serverVersion(rowsOf(client)));
  const tool = await requireTool('pg_dump', server, 'backup', options.env ?? process.env);
  const file = resolve(session.cwd, options.file ?? defaultBackupFile(session.database, new Date()));
  if (existsSync(file) && !options.overwrite) {
    throw new DbManageError('io-failed', `${relative(session.cwd, file)} already exists`, { hint: 'Choose another file or pass --overwrite' });
  }
  const format = formatForFile(file);
  // Written beside the target and renamed at the end: a failed dump never leaves half a file.
  const partial = `${file}.partial`;
  try {
    makePrivateFolders(file);
    createPrivateFile(partial);
  } catch (cause) {
    throw new DbManageError('io-failed', `cannot write in the folder ${dirname(file)}: ${(cause as Error).message.split(',')[0]}`, {
      cause,
      hint: 'Choose a folder you can write to',
    });
  }
  const args = ['--file', partial, '--format', format === 'custom' ? 'custom' : 'plain'];
  if (format === 'plain') args.push('--no-owner', '--no-privileges');
  try {
    await step(options, `pg_dump ${session.database} to ${shown(session.cwd, file)}`, () => runTool(tool, args, libpqEnv(session.conn.url)));
    chmodSync(partial, BACKUP_FILE_MODE);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return {
    database: session.database,
    file,
    format,
    sizeBytes: statSync(file).size,
    tool: { path: tool.path, version: tool.version },
    restoreCommand: commandLine('restore-backup', shellWord(shown(session.cwd, file))),
  };
}

function shown(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
