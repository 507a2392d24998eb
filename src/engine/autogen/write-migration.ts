import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DbManageError } from '../errors/db-manage-error';

/** What went wrong, in words, for the errors a write can meet. */
const REASONS: Readonly<Record<string, { readonly reason: string; readonly hint: string }>> = {
  ENOSPC: { reason: 'no space left on device', hint: 'Free some disk space and run the command again' },
  EDQUOT: { reason: 'disk quota exceeded', hint: 'Free some disk space and run the command again' },
  EROFS: { reason: 'read-only file system', hint: 'Check that the migrations folder is writable' },
  EACCES: { reason: 'permission denied', hint: 'Check that the migrations folder is writable' },
  EPERM: { reason: 'operation not permitted', hint: 'Check that the migrations folder is writable' },
};

/** Most file systems hold at most 255 bytes in one file name. */
export const MAX_FILE_NAME_BYTES = 255;

/**
 * Refuses, before anything runs, a message whose file name no file system can hold: the
 * failure would otherwise come from deep inside (ENAMETOOLONG) after the diff.
 */
export function assertFileNameFits(fileName: string): void {
  const bytes = Buffer.byteLength(fileName);
  if (bytes <= MAX_FILE_NAME_BYTES) return;
  throw new DbManageError('usage', `the migration message makes the file name too long (${bytes} bytes; a file name holds at most ${MAX_FILE_NAME_BYTES})`, {
    hint: 'Use a shorter message; put the details in a comment inside the migration',
  });
}

/**
 * Writes a new migration file; never overwrites one. A write that fails halfway (a full
 * disk) removes what it wrote: an empty or truncated file would be loaded as a migration.
 */
export function writeMigration(directory: string, fileName: string, content: string): string {
  const file = join(directory, fileName);
  let partial = false;
  try {
    mkdirSync(directory, { recursive: true });
    writeFileSync(file, content, { flag: 'wx' });
  } catch (cause) {
    const code = (cause as { code?: string }).code ?? '';
    partial = code !== 'EEXIST'; // with wx the file did not exist before: whatever is there now is ours
    if (code === 'EEXIST') {
      throw new DbManageError('io-failed', `${file} already exists`, { cause, hint: 'Run the command again: the next file gets a new timestamp' });
    }
    if (code === 'ENAMETOOLONG') {
      throw new DbManageError('usage', `the migration message makes the file name too long (${Buffer.byteLength(fileName)} bytes; a file name holds at most 255)`, {
        cause,
        hint: 'Use a shorter message; put the details in a comment inside the migration',
      });
    }
    const known = REASONS[code];
    throw new DbManageError('io-failed', `cannot write ${file}: ${known?.reason ?? (cause as Error).message}`, {
      cause,
      hint: known?.hint ?? 'Check that the migrations folder is writable',
    });
  } finally {
    if (partial) rmSync(file, { force: true });
  }
  return file;
}
