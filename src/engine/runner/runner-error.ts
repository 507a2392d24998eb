import { DbManageError } from '../errors/db-manage-error';
import { commandLine } from '../text/command-line';

const CONNECTION_CODES = /^(E[A-Z]+|57P0[1-3]|08\w{3})$/;

/**
 * Whatever escapes the runner is a DbManageError: a failed migration already is one;
 * anything else (the history table could not be read or written, the connection
 * dropped) is named here.
 */
export async function runnerError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DbManageError) throw err;
    const e = (err ?? {}) as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
    const code = e.driverError?.code ?? e.code ?? '';
    const message = String(e.driverError?.message ?? e.message ?? err).split('\n')[0];
    if (CONNECTION_CODES.test(code) || /Connection terminated/i.test(message)) {
      throw new DbManageError('connection-failed', `lost the connection during the run: ${message}`, {
        cause: err,
        hint: `Check the server; run ${commandLine('history')} to see what was applied, then run the command again`,
      });
    }
    throw new DbManageError('migration-failed', `cannot read or write the migration history: ${message}`, {
      cause: err,
      hint: 'Check that the database user may create and write tables in the history schema',
      details: { postgres: code ? { code, message } : null },
    });
  }
}
