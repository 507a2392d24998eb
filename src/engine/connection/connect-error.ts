import { DbManageError } from '../errors/db-manage-error';
import { maskUrl } from '../config/mask-url';

interface PgLikeError {
  code?: string;
  message?: string;
  errno?: number;
}

/** Turns a driver failure at connect time into one line that says what to do. */
export function connectError(url: string, err: unknown, kind: 'external' | 'embedded'): DbManageError {
  const masked = maskUrl(url);
  const e = (err ?? {}) as PgLikeError;
  const useEmbedded = kind === 'external' ? ' Unset DATABASE_URL to use the embedded server.' : '';
  let database = '';
  let user = '';
  try {
    const parsed = new URL(url);
    database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    user = decodeURIComponent(parsed.username);
  } catch {
    // the URL was validated earlier
  }
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
        hint: `Check the host name in DATABASE_URL.${useEmbedded}`,
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
        hint: 'Check the user name and password in DATABASE_URL',
      });
    case '3D000':
      return new DbManageError('database-missing', `cannot connect to ${masked}: database "${database}" does not exist`, {
        cause: err,
        hint: `Create it (CREATE DATABASE "${database}") or point DATABASE_URL at an existing database`,
      });
    default: {
      const message = maskUrl(String(e.message ?? err)).split('\n')[0];
      if (isTlsFailure(err)) {
        return new DbManageError('connection-failed', `cannot connect to ${masked}: ${message}`, {
          cause: err,
          hint: /does not support SSL/i.test(message)
            ? 'The server has SSL turned off: remove sslmode (or ssl) from DATABASE_URL, or turn SSL on in the server'
            : 'Check the sslmode in DATABASE_URL and the server certificate (sslmode=no-verify skips the check, for a development server only)',
        });
      }
      if (/timeout/i.test(message)) {
        return new DbManageError('connection-failed', `cannot connect to ${masked}: timed out`, {
          cause: err,
          hint: `Is the server running and reachable?${useEmbedded}`,
        });
      }
      return new DbManageError('connection-failed', `cannot connect to ${masked}: ${message}`, { cause: err, hint: 'Check DATABASE_URL' });
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

/** Rejects what is not a postgres URL before any driver sees it. */
export function assertValidUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DbManageError('config-invalid', `DATABASE_URL is not a valid URL: ${maskUrl(url)}`, {
      hint: 'Use the form postgres://user:password@host:5432/database',
    });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DbManageError('config-invalid', `DATABASE_URL must start with postgres:// (got ${parsed.protocol}//)`, {
      hint: 'Use the form postgres://user:password@host:5432/database',
    });
  }
  if (!parsed.hostname) {
    throw new DbManageError('config-invalid', `DATABASE_URL has no host: ${maskUrl(url)}`, {
      hint: 'Use the form postgres://user:password@host:5432/database',
    });
  }
}
