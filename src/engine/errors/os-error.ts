import { DbManageError } from './db-manage-error';
import { commandLine } from '../text/command-line';

interface ErrnoLike {
  readonly code?: string;
  readonly errno?: number;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
  readonly message?: string;
  readonly driverError?: ErrnoLike;
}

/** What went wrong on the file system, in words, and what to do about it. */
const FILE_SYSTEM: Readonly<Record<string, { readonly reason: string; readonly hint: string }>> = {
  EACCES: { reason: 'permission denied', hint: 'Check that you may write there (its owner and mode), or run from a folder of your own' },
  EPERM: { reason: 'operation not permitted', hint: 'Check that you may write there (its owner and mode), or run from a folder of your own' },
  EROFS: { reason: 'read-only file system', hint: 'Run from a writable copy of the project' },
  ENOSPC: { reason: 'no space left on device', hint: 'Free some disk space and run the command again' },
  EDQUOT: { reason: 'disk quota exceeded', hint: 'Free some disk space and run the command again' },
  ENAMETOOLONG: { reason: 'file name too long', hint: 'Use a shorter name (a file name holds at most 255 bytes)' },
  EMFILE: { reason: 'too many open files', hint: 'Raise the open-file limit (ulimit -n) and run the command again' },
  ENFILE: { reason: 'too many open files on the system', hint: 'Close some programs and run the command again' },
  EISDIR: { reason: 'is a folder', hint: 'Check the path' },
  ENOTDIR: { reason: 'a part of the path is not a folder', hint: 'Check the path' },
  ELOOP: { reason: 'too many symbolic links', hint: 'Check the path for a symbolic link loop' },
  EIO: { reason: 'input/output error', hint: 'Check the disk' },
};

/** Errors of a connection that went away under a command (the server stopped, was killed, or the network dropped). */
const LOST_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '08P01']);

function lostConnection(e: ErrnoLike): boolean {
  const code = e.driverError?.code ?? e.code ?? '';
  const message = String(e.driverError?.message ?? e.message ?? '');
  return LOST_CONNECTION_CODES.has(code) || /Connection terminated|connection ended unexpectedly|Client has encountered a connection error|server closed the connection/i.test(message);
}

/**
 * The typed form of an error that escaped without one: a file-system error names its path
 * and what to do, a connection lost mid-command says where to look, a server out of
 * resources says which. Whatever else it is stays untyped (a real internal error).
 */
export function typedError(err: unknown): DbManageError | null {
  if (err instanceof DbManageError) return err;
  if (err === null || typeof err !== 'object') return null;
  const e = err as ErrnoLike;
  const fs = typeof e.code === 'string' ? FILE_SYSTEM[e.code] : undefined;
  if (fs && (e.syscall !== undefined || e.path !== undefined)) {
    const where = e.path ? ` ${e.path}` : '';
    const action = e.syscall ? `${e.syscall}${where}` : `use${where}`;
    return new DbManageError('io-failed', `cannot ${action}: ${fs.reason}`, { cause: err, hint: fs.hint, details: { errno: e.code, path: e.path ?? null, syscall: e.syscall ?? null } });
  }
  if (lostConnection(e)) {
    const message = String(e.driverError?.message ?? e.message ?? e.code).split('\n')[0];
    return new DbManageError('connection-failed', `lost the connection to the database during the command: ${message}`, {
      cause: err,
      hint: `Check that the server is running (${commandLine('status')}), then run the command again; ${commandLine('history')} shows what was applied`,
      details: { postgres: { code: e.driverError?.code ?? e.code ?? null, message } },
    });
  }
  const pgCode = e.driverError?.code ?? e.code ?? '';
  if (/^53\d{3}$/.test(pgCode)) return serverOutOfResources(err, pgCode, String(e.driverError?.message ?? e.message ?? ''));
  return null;
}

/**
 * SQLSTATE class 53, insufficient resources: the server's limits, not the migration, are
 * the problem. 53200 "out of shared memory" with "max_locks_per_transaction" in its hint
 * is a transaction that locks more objects than the lock table holds (H20).
 */
export function serverOutOfResources(cause: unknown, code: string, message: string): DbManageError {
  const first = message.split('\n')[0];
  if (code === '53200' && /shared memory/i.test(first)) {
    return new DbManageError('server-failed', `the server ran out of lock slots (${first}): one transaction locks more tables than max_locks_per_transaction allows`, {
      cause,
      hint: 'Raise max_locks_per_transaction in postgresql.conf (then restart the server), or run with --transaction each so each migration locks only its own tables',
      details: { postgres: { code, message: first }, setting: 'max_locks_per_transaction' },
    });
  }
  if (code === '53300') {
    return new DbManageError('server-failed', `the server refused another connection (${first})`, {
      cause,
      hint: 'Close idle connections or raise max_connections, then run the command again',
      details: { postgres: { code, message: first }, setting: 'max_connections' },
    });
  }
  return new DbManageError('server-failed', `the server ran out of resources: ${first}`, {
    cause,
    hint: code === '53100' ? 'Free disk space on the database server and run the command again' : 'Check the server (memory, disk, limits) and run the command again',
    details: { postgres: { code, message: first } },
  });
}
