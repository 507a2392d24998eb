/**
 * Generators for the secrets checks: passwords built from the characters that break URL,
 * JSON and .env handling, every shape a connection string can carry one in, and every form
 * a .env line can take. Seeded, so a failure replays.
 */

/** Characters that each break some naive handling; letters keep the passwords long enough to grep for. */
const NASTY = ['"', "'", '`', ' ', '#', '@', ':', '/', '?', '%', '\\', '&', '=', '+', '$', ';', ',', '[', ']', '{', '}', '<', '>', '|', '~', '!', '*', '(', ')'];
const UNICODE = ['é', 'ß', 'Ж', '密', '码', '🔑', 'ı', '\u00a0'];
const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export type Random = () => number;

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** 10–24 characters, at least a third of them hostile, never a newline or NUL. */
export function randomPassword(random: Random): string {
  const length = 10 + Math.floor(random() * 15);
  let out = '';
  for (let i = 0; i < length; i++) {
    const r = random();
    out += r < 0.35 ? pick(random, NASTY) : r < 0.45 ? pick(random, UNICODE) : pick(random, [...PLAIN]);
  }
  // A password of only hostile characters would be too short to tell apart from ordinary output.
  return `${out}${pick(random, [...PLAIN])}${pick(random, [...PLAIN])}`;
}

export type UrlShape = 'userinfo-encoded' | 'userinfo-raw' | 'query-encoded' | 'query-raw' | 'sslpassword' | 'keyword';
export const URL_SHAPES: readonly UrlShape[] = ['userinfo-encoded', 'userinfo-raw', 'query-encoded', 'query-raw', 'sslpassword', 'keyword'];

export interface Endpoint {
  readonly user: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
}

/** libpq's keyword/value quoting: single quotes, with ' and \ escaped by a backslash. */
export function keywordQuote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A connection string with `password` in the given shape. */
export function connectionString(shape: UrlShape, password: string, e: Endpoint): string {
  const base = `${e.host}:${e.port}/${e.database}`;
  switch (shape) {
    case 'userinfo-encoded':
      return `postgres://${e.user}:${encodeURIComponent(password)}@${base}`;
    case 'userinfo-raw':
      return `postgres://${e.user}:${password}@${base}`;
    case 'query-encoded':
      return `postgres://${e.user}@${base}?password=${encodeURIComponent(password)}`;
    case 'query-raw':
      return `postgres://${e.user}@${base}?application_name=x&password=${password}`;
    case 'sslpassword':
      return `postgres://${e.user}@${base}?sslpassword=${encodeURIComponent(password)}`;
    case 'keyword':
      return `host=${e.host} port=${e.port} user=${e.user} password=${keywordQuote(password)} dbname=${e.database}`;
  }
}

export type EnvForm = 'plain' | 'single' | 'double' | 'backtick' | 'export' | 'colon';
export const ENV_FORMS: readonly EnvForm[] = ['plain', 'single', 'double', 'backtick', 'export', 'colon'];

/** One .env line setting `key` to `value` in the given form (whatever dotenv then makes of it). */
export function envLine(form: EnvForm, key: string, value: string): string {
  switch (form) {
    case 'plain':
      return `${key}=${value}`;
    case 'single':
      return `${key}='${value}'`;
    case 'double':
      return `${key}="${value}"`;
    case 'backtick':
      return `${key}=\`${value}\``;
    case 'export':
      return `export ${key}="${value}"`;
    case 'colon':
      return `${key}: ${value}`;
  }
}

/** The texts a password may be printed as: raw, percent-encoded, JSON-escaped, base64. */
export function leakForms(password: string): string[] {
  const json = JSON.stringify(password).slice(1, -1);
  return [...new Set([password, encodeURIComponent(password), encodeURI(password), json, Buffer.from(password).toString('base64')])];
}
