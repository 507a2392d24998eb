import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DbManageError } from '../errors/db-manage-error';
import type { EmbeddedSettings } from '../config/embedded-settings';

/** Written into every folder db-manage creates for its server: only such a folder is ever chowned. */
export const FOLDER_MARKER = '.db-manage-server';

const MARKER_TEXT = 'This folder holds the embedded PostgreSQL of db-manage. db-manage changes only folders with this file.\n';

/** A folder laid out by an earlier db-manage, from before the marker existed. */
function isLegacyServerFolder(settings: EmbeddedSettings): boolean {
  return existsSync(join(settings.dataDir, 'PG_VERSION')) && existsSync(settings.passwordFile);
}

function userName(): string {
  return process.env.USER || process.env.LOGNAME || 'you';
}

/**
 * Makes sure `baseDir` is db-manage's own: created now (and marked), or marked before.
 * A folder with other things in it is refused: chown -R on it would give a user's files
 * (as root: /root/.ssh, a home folder) to the server account (H11).
 */
export function claimServerFolder(settings: EmbeddedSettings): void {
  const base = settings.baseDir;
  const marker = join(base, FOLDER_MARKER);
  if (!existsSync(base)) {
    // Folders above it that we create stay traversable (umask permitting): the server account,
    // where one runs the server, passes through them; the server's own folder is 0700.
    mkdirSync(dirname(base), { recursive: true, mode: 0o755 });
    mkdirSync(base, { mode: 0o700 });
    writeFileSync(marker, MARKER_TEXT);
    return;
  }
  assertUsable(settings);
  if (existsSync(marker)) return;
  let entries: string[];
  try {
    entries = readdirSync(base);
  } catch (cause) {
    throw foreignFolder(settings, cause);
  }
  if (entries.length > 0 && !isLegacyServerFolder(settings)) {
    throw new DbManageError('server-failed', `DB_MANAGE_PG_DIR ${base} is not empty and was not created by db-manage, so it will not be used for the embedded server`, {
      hint: 'Point DB_MANAGE_PG_DIR at a new or empty folder (db-manage creates it), or unset it to use .db-manage/postgres',
      details: { folder: base },
    });
  }
  writeFileSync(marker, MARKER_TEXT);
}

function foreignFolder(settings: EmbeddedSettings, cause: unknown): DbManageError {
  let owner = '';
  try {
    const uid = statSync(settings.baseDir).uid;
    owner = uid === process.getuid?.() ? '' : ` (it belongs to uid ${uid})`;
  } catch {
    // the folder vanished or a parent is closed: the message still names it
  }
  const asRoot = owner ? ` Run db-manage as the user who set it up (root created it: sudo), or give it to yourself: sudo chown -R ${userName()} ${settings.baseDir}; or set DB_MANAGE_PG_DIR to a folder of your own` : ' Check its permissions, or set DB_MANAGE_PG_DIR to a folder of your own';
  return new DbManageError('server-failed', `cannot use the embedded server's folder ${settings.baseDir}: permission denied${owner}`, {
    cause,
    hint: asRoot.trim(),
    details: { folder: settings.baseDir, errno: (cause as NodeJS.ErrnoException)?.code },
  });
}

/** The folder must be ours to write in: otherwise one line saying whose it is and what to do (H16). */
export function assertUsable(settings: EmbeddedSettings): void {
  if (!existsSync(settings.baseDir)) return;
  try {
    accessSync(settings.baseDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EROFS') {
      throw new DbManageError('io-failed', `the embedded server's folder ${settings.baseDir} is on a read-only file system`, {
        cause,
        hint: 'Set DB_MANAGE_PG_DIR to a writable folder, or set DATABASE_URL to use another server',
      });
    }
    throw foreignFolder(settings, cause);
  }
}

/** Turns a permission error met while working in the folder into the same one line. */
export function folderError(settings: EmbeddedSettings, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return foreignFolder(settings, err);
  return err;
}
