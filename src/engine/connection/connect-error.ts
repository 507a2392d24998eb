import { DbManageError } from '../errors/db-manage-error';
import { driverConfig } from '../config/driver-url';
import { maskedUrl, maskUrl } from '../config/mask-url';

interface PgLikeError {
  code?: string;
  message?: string;
  errno?: number;
}

/** Where the failing URL came from, as a user would look for it. */
const PLACE: Readonly<Record<string, string>> = {
  '--url': '--url',
  'data source': "the data source's url (or host, port, username, password, database)",
  DATABASE_URL: 'DATABASE_URL',
  '.env DATABASE_URL': 'DATABASE_URL in .env',
};

/** Turns a driver failure at connect time into one line that says what to do. */
export function connectError(url: string, err: unknown, kind: 'external' | 'embedded', source?: string): DbManageError {
  const masked = maskedUrl(url);
  const e = (err ?? {}) as PgLikeError;
  const where = PLACE[source ?? 'DATABASE_URL'] ?? 'DATABASE_URL';
  const useEmbedded = kind === 'external' && (source === undefined || source.endsWith('DATABASE_URL')) ? ' Unset DATABASE_URL to use the embedded server.' : '';
  const config = driverConfig(url);
  const database = config?.database ?? '';
  const user = config?.user ?? '';
  switch (e.code) {
    case 'ECONNREFUSED':
      return new DbManageError('connection-failed', `cannot connect to ${masked}: connection refused`, {
        cause: err,
        hint: `Is the server running?${useEmbedded}`,
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DbManageError('connection-failed', `cannot connect to ${masked}: unknown host`, {
        cause: err,
        hint: `Check the host name in ${where}.${useEmbedded}`,
      });
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new DbManageError('connection-failed', `cannot connect to ${masked}: ${e.code === 'ETIMEDOUT' ? 'timed out' : 'host unreachable'}`, {
        cause: err,
        hint: `Check the host and port and any firewall.${useEmbedded}`,
      });
    case '28P01':
    case '28000':
      return new DbManageError('auth-failed', `cannot connect to ${masked}: authentication failed for user "${user}"`, {
        cause: err,
        hint: `Check the user name and password in ${where}`,
      });
    case '3D000':
      return new DbManageError('database-missing', `cannot connect to ${masked}: database "${database}" does not exist`, {
        cause: err,
        hint: `Create it (CREATE DATABASE "${database}") or point ${where} at an existing database`,
      });
    default: {
      const message = maskUrl(String(e.message ?? err)).split('\n')[0];
      if (isTlsFailure(err)) {
        return new DbManageError('connection-failed', `cannot connect to ${masked}: ${message}`, {
          cause: err,
          hint: /does not support SSL/i.test(message)
            ? `The server has SSL turned off: remove sslmode (or ssl) from ${where}, or turn SSL on in the server`
            : `Check the sslmode in ${where} and the server certificate (sslmode=no-verify skips the check, for a development server only)`,
        });
      }
      if (/timeout/i.test(message)) {
        return new DbManageError('connection-failed', `cannot connect to ${masked}: timed out`, {
          cause: err,
          hint: `Is the server running and reachable?${useEmbedded}`,
        });
      }
      return new DbManageError('connection-failed', `cannot connect to ${masked}: ${message}`, { cause: err, hint: `Check ${where}` });
    }
  }
}

/**
 * SSL failures come from pg and node's TLS layer without a libpq-style code: a server
 * without SSL, a self-signed or expired certificate, a host name that does not match.
 */
export function isTlsFailure(err: unknown): boolean {
  const e = (err ?? {}) as PgLikeError;
  return /CERT|SSL|TLS/.test(e.code ?? '') || /\bSSL\b|certificate/i.test(String(e.message ?? ''));
}

const URL_FORM = 'Use the form postgres://user:password@host:5432/database, with the password percent-encoded';

/**
 * Rejects what is not a postgres URL before any driver sees it, reading it as the driver
 * does. An '@' left in the path or after a '#' means an unencoded '/' or '#' in the password
 * cut the user info short: the driver would send part of the password to a host made of
 * the rest of it, so such a URL is refused rather than guessed at.
 */
export function assertValidUrl(url: string): void {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  if (scheme && !/^postgres(ql)?$/i.test(scheme[1])) {
    throw new DbManageError('config-invalid', `DATABASE_URL must start with postgres:// (got ${scheme[1]}://)`, { hint: URL_FORM });
  }
  const config = scheme ? driverConfig(url) : undefined;
  if (!config) {
    throw new DbManageError('config-invalid', `DATABASE_URL is not a valid URL: ${maskedUrl(url)}`, { hint: URL_FORM });
  }
  const afterAuthority = url.slice(scheme![0].length).replace(/^[^/?#]*/, '');
  if (/@/.test(afterAuthority.replace(/\?[^#]*/, ''))) {
    throw new DbManageError('config-invalid', `DATABASE_URL is ambiguous: ${maskedUrl(url)} has an '@' after the host`, {
      hint: "Percent-encode the password (a '/' is %2F, '#' is %23, '@' is %40, '?' is %3F)",
    });
  }
  if (!config.host) {
    throw new DbManageError('config-invalid', `DATABASE_URL has no host: ${maskedUrl(url)}`, { hint: URL_FORM });
  }
}
