import { execFileSync, spawnSync } from 'node:child_process';
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

/** Fails early, with a clear message, if the account cannot reach the data folder. */
export function assertReachable(identity: ProcessIdentity, dir: string): void {
  const parent = dirname(dir);
  const probe = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', parent], { uid: identity.uid, gid: identity.gid });
  if (probe.status !== 0) {
    throw new DbManageError('server-failed', `the account "${SERVER_ACCOUNT}" cannot reach ${parent}`, {
      hint: 'Move the project to a folder other users may traverse (chmod o+x on its parents), set DB_MANAGE_PG_DIR, or set DATABASE_URL',
    });
  }
}

export function chownRecursive(path: string, identity: ProcessIdentity): void {
  execFileSync('chown', ['-R', `${identity.uid}:${identity.gid}`, path]);
}
