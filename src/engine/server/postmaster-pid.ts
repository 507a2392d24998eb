import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { commandLineOf, isProcessAlive } from './process-alive';

export interface PostmasterState {
  readonly running: boolean;
  readonly pid?: number;
  /** The server's own word on its state (line 8): "ready", "starting", "stopping", or "standby". */
  readonly status?: string;
  /** A pid file was present but its process is gone or is not our server. */
  readonly stale: boolean;
}

/** Reads `postmaster.pid` and decides whether the server it names is really ours and alive. */
export function readPostmaster(dataDir: string): PostmasterState {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return { running: false, stale: false };
  }
  const pid = Number(text.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return { running: false, stale: true };
  if (!isProcessAlive(pid)) return { running: false, pid, stale: true };
  const cmd = commandLineOf(pid);
  // A recycled pid belongs to some other program: the file is stale.
  if (cmd !== null && !cmd.includes('postgres')) return { running: false, pid, stale: true };
  const status = text.split('\n')[7]?.trim() || undefined;
  return { running: true, pid, status, stale: false };
}

/** Removes a pid file left by a killed server, so that the next start succeeds. */
export function removeStalePidFile(dataDir: string): void {
  rmSync(join(dataDir, 'postmaster.pid'), { force: true });
}
