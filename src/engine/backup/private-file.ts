import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** A dump holds every row: only its owner may read it, whatever the umask says. */
export const BACKUP_FILE_MODE = 0o600;
export const BACKUP_DIR_MODE = 0o700;

/**
 * Creates the folders of `file` that do not exist yet, each 0700. A folder that already
 * exists is the user's and keeps its mode.
 */
export function makePrivateFolders(file: string): void {
  const missing: string[] = [];
  for (let dir = dirname(file); !existsSync(dir); dir = dirname(dir)) {
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    mkdirSync(dir, { mode: BACKUP_DIR_MODE });
    // mkdir's mode passes through the umask; chmod does not.
    chmodSync(dir, BACKUP_DIR_MODE);
  }
}

/**
 * Creates `file` empty and 0600 before a client program writes into it: pg_dump truncates
 * and keeps the mode of a file that exists, so the rows are never readable by others, not
 * even while the dump is being written.
 */
export function createPrivateFile(file: string): void {
  closeSync(openSync(file, 'w', BACKUP_FILE_MODE));
  chmodSync(file, BACKUP_FILE_MODE);
}
