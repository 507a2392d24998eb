import { execFileSync, spawnSync, type SpawnOptions } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DbManageError } from '../errors/db-manage-error';

/** The unprivileged account that runs the server as root where a user namespace is not available. */
export const SERVER_ACCOUNT = 'dbmanage';

/**
 * How the server's programs (initdb, pg_ctl, postgres) run. PostgreSQL refuses root:
 * - `self`: we are not root, so they run as us;
 * - `namespace`: we are root, and they run in a user namespace where they are not root.
 *   Their files stay root's and they pass through root's folders as root does, so nothing
 *   outside db-manage's own folder changes (no account, no chown, no chmod);
 * - `account`: we are root and user namespaces are not allowed here (a container's seccomp
 *   profile): they run as the system account `dbmanage`, which must be able to traverse the
 *   folders above the data. db-manage never changes those folders' permissions (H11).
 */
export type ServerRunner =
  | { readonly kind: 'self' }
  | { readonly kind: 'namespace'; readonly innerUid: number; readonly innerGid: number }
  | { readonly kind: 'account'; readonly uid: number; readonly gid: number; readonly why: 'asked' | 'no-namespaces' };

interface Identity {
  readonly uid: number;
  readonly gid: number;
}

function lookup(name: string): Identity | null {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  if (uid.status !== 0) return null;
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

let namespaceProbe: Identity | null | undefined;

/**
 * The identity the server has inside a user namespace, or null when this machine does not
 * allow one. initdb looks its user up by id, so the inner id is one that has a name here
 * (`nobody`); outside the namespace everything it does is root's.
 */
function namespaceIdentity(): Identity | null {
  if (namespaceProbe !== undefined) return namespaceProbe;
  namespaceProbe = null;
  const inner = lookup('nobody');
  if (inner && inner.uid !== 0) {
    const probe = spawnSync('unshare', [...namespaceArgs(inner), 'true'], { stdio: 'ignore', timeout: 10_000 });
    if (probe.status === 0) namespaceProbe = inner;
  }
  return namespaceProbe;
}

function namespaceArgs(inner: Identity): string[] {
  return ['--user', `--map-user=${inner.uid}`, `--map-group=${inner.gid}`, '--'];
}

function ensureAccount(): Identity {
  const existing = lookup(SERVER_ACCOUNT);
  if (existing) return existing;
  const attempts: string[][] = [
    ['useradd', '--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', SERVER_ACCOUNT],
    ['adduser', '-S', '-D', '-H', '-s', '/sbin/nologin', SERVER_ACCOUNT],
  ];
  for (const [cmd, ...args] of attempts) {
    const result = spawnSync(cmd, args, { encoding: 'utf8' });
    // Another process may have created it concurrently, so look again either way.
    const created = lookup(SERVER_ACCOUNT);
    if (created) return created;
    if (result.error === undefined && result.status === 0) break;
  }
  throw new DbManageError('server-failed', `cannot create the unprivileged account "${SERVER_ACCOUNT}" that runs the embedded server as root`, {
    hint: `Create it with: useradd --system ${SERVER_ACCOUNT}, or run as a non-root user, or set DATABASE_URL`,
  });
}

/**
 * Chooses how the server runs. DB_MANAGE_PG_RUN_AS=account forces the account even where a
 * namespace works (for a machine whose policy wants a named account).
 */
export function serverRunner(runAs: string | undefined): ServerRunner {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { kind: 'self' };
  const choice = runAs?.trim().toLowerCase();
  if (choice !== undefined && choice !== '' && choice !== 'namespace' && choice !== 'account') {
    throw new DbManageError('config-invalid', `DB_MANAGE_PG_RUN_AS is "${runAs}"`, {
      hint: 'Set it to namespace or account, or leave it unset',
    });
  }
  if (choice !== 'account') {
    const inner = namespaceIdentity();
    if (inner) return { kind: 'namespace', innerUid: inner.uid, innerGid: inner.gid };
    if (choice === 'namespace') {
      throw new DbManageError('server-failed', 'DB_MANAGE_PG_RUN_AS=namespace, but this machine does not allow user namespaces (unshare --user failed)', {
        hint: 'Unset DB_MANAGE_PG_RUN_AS to use the dbmanage account, or set DATABASE_URL',
      });
    }
  }
  const account = ensureAccount();
  return { kind: 'account', uid: account.uid, gid: account.gid, why: choice === 'account' ? 'asked' : 'no-namespaces' };
}

/** The command line and spawn options that run one of the server's programs. */
export function serverCommand(runner: ServerRunner, file: string, args: readonly string[]): { file: string; args: string[]; options: SpawnOptions } {
  switch (runner.kind) {
    case 'self':
      return { file, args: [...args], options: {} };
    case 'namespace':
      return { file: 'unshare', args: [...namespaceArgs({ uid: runner.innerUid, gid: runner.innerGid }), file, ...args], options: {} };
    case 'account':
      return { file, args: [...args], options: { uid: runner.uid, gid: runner.gid } };
  }
}

/** The owner db-manage's own folder must have for this runner (null: whoever we are). */
function folderOwner(runner: ServerRunner): Identity | null {
  switch (runner.kind) {
    case 'self':
      return null;
    case 'namespace':
      return { uid: 0, gid: 0 };
    case 'account':
      return { uid: runner.uid, gid: runner.gid };
  }
}

/**
 * Hands db-manage's own folder (claimed and marked before this is called) to the runner:
 * a cluster made by the account is taken back by root when namespaces became available,
 * and the reverse. Nothing outside `baseDir` is touched.
 */
export function handOver(runner: ServerRunner, baseDir: string): void {
  const owner = folderOwner(runner);
  if (!owner) return;
  // Files root writes later (the marker, the password) are root's: the account needs them handed over each time.
  const st = statSync(baseDir);
  if (runner.kind === 'namespace' && st.uid === owner.uid && st.gid === owner.gid) return;
  execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, baseDir]);
}

/**
 * The account must be able to pass through every folder above `dir` (db-manage's own folder, handed over to it). A root-owned project
 * often lives under a 0700 folder (/root, mkdtemp); db-manage does not open it, but says which
 * folder blocks and what to do, before anything is created.
 */
export function assertReachable(runner: ServerRunner, dir: string): void {
  if (runner.kind !== 'account') return;
  // Folders that do not exist yet are created by us, as root, with the owner the runner needs.
  let start = dirname(dir);
  while (!existsSync(start) && dirname(start) !== start) start = dirname(start);
  for (let parent = start; ; parent = dirname(parent)) {
    const probe = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', parent], { uid: runner.uid, gid: runner.gid });
    if (probe.status === 0) {
      if (parent === start) return;
      // `parent` is reachable, one of the folders below it is not: name the first that blocks.
      let blocked = start;
      while (dirname(blocked) !== parent) blocked = dirname(blocked);
      throw unreachable(runner, blocked);
    }
    if (dirname(parent) === parent) throw unreachable(runner, parent);
  }
}

function unreachable(runner: ServerRunner & { kind: 'account' }, folder: string): DbManageError {
  const why = runner.why === 'asked' ? 'DB_MANAGE_PG_RUN_AS=account' : 'this machine allows no user namespaces';
  return new DbManageError('server-failed', `the embedded server runs as the account "${SERVER_ACCOUNT}" (${why}), and it cannot pass through ${folder}`, {
    hint: `Allow traversal yourself (chmod o+x ${folder}), set DB_MANAGE_PG_DIR to a folder under a traversable one, run as a non-root user, or set DATABASE_URL`,
    details: { folder },
  });
}
