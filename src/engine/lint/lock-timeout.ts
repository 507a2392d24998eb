import { mergeEnv, readEnvFile } from '../config/env-file';
import { DbManageError } from '../errors/db-manage-error';
import { quoteLiteral } from '../sql/quote';

/** How long a migration statement may wait for a table lock before giving up. */
export const DEFAULT_LOCK_TIMEOUT = '5s';

/** The variable that overrides it, in the environment or in .env. */
export const LOCK_TIMEOUT_ENV = 'DB_MANAGE_LOCK_TIMEOUT';

const DURATION = /^(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?$/;

export interface LockTimeoutOptions {
  /** An explicit value (e.g. from a CLI option); wins over the environment. */
  readonly value?: string;
  /** Defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The project folder, whose .env is read under the environment. */
  readonly cwd?: string;
}

/**
 * The configured lock_timeout, validated: a PostgreSQL duration such as "5s", "500ms",
 * "1min", or a bare number of milliseconds. Zero is refused: it disables the timeout.
 */
export function resolveLockTimeout(options: LockTimeoutOptions = {}): string {
  // The environment over .env, exactly as every other setting is read (an unset variable never hides .env).
  const env = mergeEnv(options.cwd ? readEnvFile(options.cwd) : {}, options.env ?? process.env);
  const configured = env[LOCK_TIMEOUT_ENV];
  const raw = options.value ?? (configured !== undefined && configured.trim() !== '' ? configured : DEFAULT_LOCK_TIMEOUT);
  const value = raw.trim();
  const match = DURATION.exec(value);
  if (!match || Number(match[1]) === 0) {
    throw new DbManageError('config-invalid', `invalid lock timeout "${raw}"`, {
      hint: `Set ${LOCK_TIMEOUT_ENV} to a positive PostgreSQL duration such as 5s, 500ms or 1min`,
      details: { value: raw },
    });
  }
  return match[2] ? `${match[1]}${match[2]}` : `${match[1]}ms`;
}

/**
 * The statement a generated migration starts with. Inside a transaction SET LOCAL ends
 * with it; a migration with `transaction = false` needs a session-level SET, because
 * SET LOCAL outside a transaction block does nothing.
 */
export function lockTimeoutStatement(timeout: string, options: { readonly transaction: boolean }): string {
  return `SET ${options.transaction ? 'LOCAL ' : ''}lock_timeout = ${quoteLiteral(timeout)}`;
}
