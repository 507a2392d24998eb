import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DbManageError } from '../errors/db-manage-error';

/** Writes a new migration file; never overwrites one. */
export function writeMigration(directory: string, fileName: string, content: string): string {
  const file = join(directory, fileName);
  try {
    mkdirSync(directory, { recursive: true });
    writeFileSync(file, content, { flag: 'wx' });
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    throw new DbManageError('io-failed', code === 'EEXIST' ? `${file} already exists` : `cannot write ${file}: ${(cause as Error).message}`, {
      cause,
      hint: code === 'EEXIST' ? 'Run the command again: the next file gets a new timestamp' : 'Check that the migrations folder is writable',
    });
  }
  return file;
}
