import { openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { stamp } from '../snapshot/snapshot-name';

export type BackupFormat = 'custom' | 'plain';

/** backups/<database>-<UTC time>.dump, relative to the project. */
export function defaultBackupFile(database: string, date: Date): string {
  return join('backups', `${database.replace(/[^A-Za-z0-9_.-]+/g, '_')}-${stamp(date)}.dump`);
}

/** A .sql file is a plain SQL script (readable, psql restores it); anything else is pg_dump's custom format. */
export function formatForFile(file: string): BackupFormat {
  return /\.sql$/i.test(file) ? 'plain' : 'custom';
}

/** Custom-format archives start with "PGDMP"; that decides, not the file name. */
export function formatOfContent(head: Buffer): BackupFormat {
  return head.subarray(0, 5).toString('latin1') === 'PGDMP' ? 'custom' : 'plain';
}

export function sniffFormat(file: string): BackupFormat {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    readSync(fd, head, 0, 5, 0);
    return formatOfContent(head);
  } finally {
    closeSync(fd);
  }
}
