import { parse, type ConnectionOptions } from 'pg-connection-string';

/**
 * Parameters that make pg-connection-string read files (sslcert, sslkey, sslrootcert) or
 * print warnings (sslmode): renamed before parsing, because db-manage only wants to know
 * where and as whom the driver would connect, and must not touch the disk to find out.
 */
const SIDE_EFFECT_PARAMS = /([?&])(sslcert|sslkey|sslrootcert|sslmode|sslnegotiation|uselibpqcompat)=/gi;

/**
 * The connection string as node-postgres reads it: the same parser pg uses, so a value
 * given twice (`@localhost/db?host=remote`) means to db-manage what it means to the driver.
 * Undefined when the driver could not parse it either.
 */
export function driverConfig(url: string): ConnectionOptions | undefined {
  // Without a scheme pg reads the text as a path relative to "postgres://base": no answer is better.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return undefined;
  try {
    return parse(url.replace(SIDE_EFFECT_PARAMS, '$1x-dbm-$2='));
  } catch {
    return undefined;
  }
}

/**
 * The host the driver connects to: `?host=` over the URL's host, then PGHOST from the
 * process environment, then localhost (pg's defaults). A host starting with '/' is a unix
 * socket folder. Undefined when the string is not a connection string the driver reads.
 */
export function driverHost(url: string, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const config = driverConfig(url);
  if (!config) return undefined;
  return config.host || env.PGHOST || 'localhost';
}

/** Everything the driver would use to authenticate and connect, for libpq client programs. */
export interface DriverTarget {
  readonly host?: string;
  readonly port?: string;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
  readonly sslmode?: string;
}

export function driverTarget(url: string): DriverTarget | undefined {
  const config = driverConfig(url);
  if (!config) return undefined;
  const sslmode = /[?&]sslmode=([^&#]*)/i.exec(url)?.[1];
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    host: text(config.host),
    port: text(config.port),
    user: text(config.user),
    password: text(config.password),
    database: text(config.database),
    sslmode: sslmode ? safeDecode(sslmode) : undefined,
  };
}

/** decodeURIComponent that keeps text it cannot decode instead of throwing. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
