import { readFileSync, realpathSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commandLineOf, hasProcfs, isProcessAlive, postmastersIn, workingFolderOf } from './process-alive';

export interface PostmasterState {
  readonly running: boolean;
  readonly pid?: number;
  /** The server's own word on its state (line 8): "ready", "starting", "stopping", or "standby". */
  readonly status?: string;
  /** A pid file was present, and no postmaster serves this folder: safe to remove. */
  readonly stale: boolean;
  /** The running server's pid file cannot be read as one (its pid line is wrong): never remove it. */
  readonly corrupt?: boolean;
}

/** What the pid file says, if it can be read as a pid file at all. */
function parsePidFile(text: string): { pid: number | null; status?: string } {
  const lines = text.split('\n');
  const pid = /^\s*\d+\s*$/.test(lines[0] ?? '') ? Number(lines[0]) : NaN;
  return { pid: Number.isInteger(pid) && pid > 0 ? pid : null, status: lines[7]?.trim() || undefined };
}

function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

/**
 * Whether `pid` is the postmaster of `dataDir`. Every postgres process works in its data
 * folder, so the working folder decides; "postgres" in a command line proves nothing (H12).
 * Returns null where the system cannot tell (no /proc).
 */
export function servesFolder(pid: number, dataDir: string): boolean | null {
  if (!isProcessAlive(pid)) return false;
  const cwd = workingFolderOf(pid);
  if (cwd === null) return hasProcfs() ? false : null;
  if (cwd !== 'hidden') return cwd === realFolder(dataDir);
  // Another user's process: its command line is still public, and pg_ctl passes -D.
  const cmd = commandLineOf(pid) ?? '';
  return cmd.includes('postgres') && (cmd.includes(`-D ${dataDir}`) || cmd.includes(`-D ${realFolder(dataDir)}`));
}

/**
 * Reads `postmaster.pid` and decides whether a server really serves this folder. The file
 * is only ever called stale when no postmaster works in the folder, whatever the file says:
 * a running server whose pid file is removed shuts itself down (H15).
 */
export function readPostmaster(dataDir: string): PostmasterState {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8');
  } catch (err) {
    // A folder we may not read is someone else's; saying "not running" would start a second server.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return { running: false, stale: false };
    throw err;
  }
  const file = parsePidFile(text);
  if (file.pid !== null) {
    const ours = servesFolder(file.pid, dataDir);
    if (ours === true || ours === null) {
      if (ours === null && !isProcessAlive(file.pid)) return { running: false, pid: file.pid, stale: true };
      return { running: true, pid: file.pid, status: file.status, stale: false };
    }
  }
  // The file names no live server of ours. Is one running here all the same?
  const found = postmastersIn(realFolder(dataDir));
  if (found.length > 0) return { running: true, pid: found[0], status: file.pid === null ? undefined : file.status, stale: false, corrupt: true };
  if (file.pid === null && !hasProcfs()) return { running: false, stale: false, corrupt: true };
  return { running: false, pid: file.pid ?? undefined, stale: true };
}

/** Removes a pid file left by a killed server, after making sure again that no server uses it. */
export function removeStalePidFile(dataDir: string): boolean {
  if (!readPostmaster(dataDir).stale) return false;
  rmSync(join(dataDir, 'postmaster.pid'), { force: true });
  return true;
}
