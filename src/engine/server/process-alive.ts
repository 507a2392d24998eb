import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's command line, or null where /proc does not tell (macOS). */
export function commandLineOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return null;
  }
}

/**
 * The process's working folder: a string, 'hidden' when /proc has it but will not say
 * (another user's process, and we are not root), or null where there is no /proc.
 */
export function workingFolderOf(pid: number): string | 'hidden' | null {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return 'hidden';
    return null;
  }
}

/** Whether this machine has a /proc to look processes up in. */
export function hasProcfs(): boolean {
  try {
    readlinkSync('/proc/self/cwd');
    return true;
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | null {
  try {
    // Field 4 of /proc/<pid>/stat, after the parenthesised command that may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * The PostgreSQL postmasters whose working folder is `realDataDir` (every postgres process
 * changes into its data folder), found without trusting postmaster.pid. Backends share the
 * folder, so only processes whose parent is not one of them count.
 */
export function postmastersIn(realDataDir: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const inFolder = new Set<number>();
  for (const entry of entries) {
    const pid = Number(entry);
    if (workingFolderOf(pid) !== realDataDir) continue;
    if (!(commandLineOf(pid) ?? '').includes('postgres')) continue;
    inFolder.add(pid);
  }
  return [...inFolder].filter((pid) => !inFolder.has(parentOf(pid) ?? -1));
}
