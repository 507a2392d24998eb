import type { DataSourceOptions } from 'typeorm';
import { isDeferredUrl } from '../config/deferred-urls';
import { DbManageError } from '../errors/db-manage-error';

type ServerOptions = {
  readonly url?: string;
  readonly host?: string;
  readonly port?: number | string;
  readonly username?: string;
  readonly password?: unknown;
  readonly database?: string;
  readonly ssl?: unknown;
};

function sslMode(ssl: unknown): string | undefined {
  if (ssl === undefined || ssl === false || ssl === null) return undefined;
  if (ssl === true) return 'require';
  if (typeof ssl === 'object' && (ssl as { rejectUnauthorized?: unknown }).rejectUnauthorized === false) return 'no-verify';
  return 'require';
}

/**
 * The server a TypeORM data source names, as a connection URL, or undefined when it names
 * none (then DATABASE_URL or the embedded server apply). Mirrors what TypeORM's postgres
 * driver does with the same options: `url` first, then host/port/username/password/database.
 */
export function dataSourceServer(options: DataSourceOptions): string | undefined {
  const o = options as unknown as ServerOptions;
  const mode = sslMode(o.ssl);
  if (o.url) {
    if (isDeferredUrl(o.url)) return undefined;
    if (!mode) return o.url;
    const parsed = new URL(o.url);
    if (!parsed.searchParams.has('sslmode')) parsed.searchParams.set('sslmode', mode);
    return parsed.toString();
  }
  // What names a server is a host, a user or a database; a port alone does not (nor a NaN port
  // or an empty string from an unset variable: `port: Number(process.env.DB_PORT)`).
  const given = (v: unknown) => v !== undefined && v !== null && v !== '' && !(typeof v === 'number' && Number.isNaN(v));
  if (!given(o.host) && !given(o.username) && !given(o.database)) return undefined;
  if (o.password !== undefined && typeof o.password !== 'string') {
    throw new DbManageError('config-invalid', 'the data source password is a function; db-manage needs a string', {
      hint: 'Resolve the password before creating the DataSource, or pass --url',
    });
  }
  const url = new URL('postgres://localhost');
  url.hostname = given(o.host) ? (o.host as string) : 'localhost';
  url.port = String(given(o.port) ? o.port : 5432);
  if (o.username) url.username = encodeURIComponent(o.username);
  if (o.password) url.password = encodeURIComponent(o.password);
  // pg (and so TypeORM) connects to the database named after the user when none is given.
  url.pathname = `/${encodeURIComponent(o.database || o.username || 'postgres')}`;
  if (mode) url.searchParams.set('sslmode', mode);
  return url.toString();
}
