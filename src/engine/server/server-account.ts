import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DbManageError } from '../errors/db-manage-error';

/** The unprivileged account that runs the server when we are root. */
export const SERVER_ACCOUNT = 'dbmanage';

export interface ProcessIdentity {
  readonly uid: number;
  readonly gid: number;
}

function lookup(): ProcessIdentity | null {
  const result = spawnSync('id', ['-u', SERVER_ACCOUNT], { encoding: 'utf8' });
  if (result.status !== 0) return null;
  const gid = spawnSync('id', ['-g', SERVER_ACCOUNT], { encoding: 'utf8' });
  return { uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * PostgreSQL refuses to run as root. When we are root (CI, containers), the server runs
 * as an unprivileged system account, created on first use. Otherwise it runs as us.
 */
export function serverIdentity(): ProcessIdentity | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const existing = lookup();
  if (existing) return existing;
  const attempts: string[][] = [
    ['useradd', '--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', SERVER_ACCOUNT],
    ['adduser', '-S', '-D', '-H', '-s', '/sbin/nologin', SERVER_ACCOUNT],
  ];
  for (const [cmd, ...args] of attempts) {
    const result = spawnSync(cmd, args, { encoding: 'utf8' });
    // Another process may have created it concurrently, so look again either way.
    const created = lookup();
    if (created) return created;
    if (result.error === undefined && result.status === 0) break;
  }
  throw new DbManageError('server-failed', `cannot create the unprivileged account "${SERVER_ACCOUNT}" that runs the embedded server as root`, {
    hint: `Create it with: useradd --system ${SERVER_ACCOUNT}, or run as a non-root user, or set DATABASE_URL`,
  });
}

/**
 * The account must be able to traverse every folder above the data. A root-owned
 * project often lives under a 0700 folder (/root, mkdtemp). We grant traverse-only
 * permission (o+x: no listing, no reading) on exactly the folders that block it,
 * and fail with a clear message if that is still not enough.
 */
export function ensureReachable(identity: ProcessIdentity, dir: string): string[] {
  const granted: string[] = [];
  const ancestors: string[] = [];
  for (let d = dirname(dir); ; d = dirname(d)) {
    ancestors.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const folder of ancestors) {
    try {
      const st = statSync(folder);
      if (st.uid !== identity.uid && (st.mode & 0o001) === 0) {
        chmodSync(folder, (st.mode & 0o7777) | 0o001);
        granted.push(folder);
      }
    } catch {
      // a folder we cannot stat is reported by the probe below
    }
  }
  const parent = dirname(dir);
  const probe = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', parent], { uid: identity.uid, gid: identity.gid });
  if (probe.status !== 0) {
    throw new DbManageError('server-failed', `the account "${SERVER_ACCOUNT}" cannot reach ${parent}`, {
      hint: 'Allow other users to traverse its parent folders (chmod o+x), set DB_MANAGE_PG_DIR, or set DATABASE_URL',
    });
  }
  return granted;
}

export function chownRecursive(path: string, identity: ProcessIdentity): void {
  execFileSync('chown', ['-R', `${identity.uid}:${identity.gid}`, path]);
}
