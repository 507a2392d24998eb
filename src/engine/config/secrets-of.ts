import { driverConfig, safeDecode } from './driver-url';

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** The parameters libpq and node-postgres read from a URL's query. */
const PARAMETERS = [
  'host', 'hostaddr', 'port', 'dbname', 'db', 'user', 'password', 'passfile', 'channel_binding', 'connect_timeout',
  'client_encoding', 'encoding', 'options', 'application_name', 'fallback_application_name', 'keepalives',
  'keepalives_idle', 'keepalives_interval', 'keepalives_count', 'tcp_user_timeout', 'replication', 'gssencmode',
  'ssl', 'sslmode', 'sslnegotiation', 'sslcompression', 'sslcert', 'sslkey', 'sslpassword', 'sslcertmode',
  'sslrootcert', 'sslcrl', 'sslcrldir', 'sslsni', 'requirepeer', 'ssl_min_protocol_version',
  'ssl_max_protocol_version', 'krbsrvname', 'gsslib', 'gssdelegation', 'service', 'target_session_attrs',
  'load_balance_hosts', 'uselibpqcompat', 'statement_timeout', 'lock_timeout', 'query_timeout',
  'idle_in_transaction_session_timeout', 'binary',
].join('|');

/**
 * `password=…` / `sslpassword=…` in a URL's query, read leniently: the value runs to the
 * next parameter libpq knows, or to the end. An unencoded '&' or '#' in a password ends it
 * early for the driver, but what follows is still the password the user typed.
 */
export const QUERY_SECRET = new RegExp(`([?&](?:ssl)?password=)([^]*?)(?=&(?:${PARAMETERS})=|$)`, 'gi');
/** `password=…` in libpq's keyword/value form: a bare word or a quoted value with \' and \\. */
export const KEYWORD_SECRET = /((?:^|\s)(?:ssl)?password\s*=\s*)('(?:\\.|[^'\\])*'?|\S*)/gi;

function unquoteKeyword(value: string): string {
  if (!value.startsWith("'")) return value;
  return value.replace(/^'|'$/g, '').replace(/\\(.)/g, '$1');
}

/**
 * The password part of `scheme://user:password@…` read leniently: from the first ':' to the
 * LAST '@'. A password typed unencoded may hold '@', '/', '#', '?' or ':'; whatever the
 * driver makes of such a URL, the whole of what the user typed is in this span.
 */
export function lenientPassword(url: string): string | undefined {
  const scheme = SCHEME.exec(url);
  if (!scheme) return undefined;
  const rest = url.slice(scheme[0].length);
  const at = rest.lastIndexOf('@');
  const colon = rest.indexOf(':');
  if (at === -1 || colon === -1 || colon > at) return undefined;
  return rest.slice(colon + 1, at);
}

/**
 * Every value in a connection string that must never be printed: the password as the
 * driver reads it, as WHATWG URL reads it and as the user typed it (raw and decoded), in
 * the user info, as `?password=` / `?sslpassword=`, or in keyword/value form. Reading it
 * several ways costs nothing and means a URL the driver misreads still has its secret hidden.
 */
export function secretsOf(url: string | undefined): string[] {
  if (!url) return [];
  const found: string[] = [];
  const add = (v: unknown) => {
    if (typeof v !== 'string' || v === '') return;
    found.push(v, safeDecode(v), safeDecode(v.replace(/\+/g, ' ')));
  };
  const config = driverConfig(url);
  if (config) {
    add(config.password);
    add(config.sslpassword);
  }
  try {
    const parsed = new URL(url);
    add(parsed.password);
    add(parsed.searchParams.get('password'));
    add(parsed.searchParams.get('sslpassword'));
  } catch {
    // read leniently below
  }
  add(lenientPassword(url));
  for (const m of url.matchAll(QUERY_SECRET)) add(m[2]);
  if (!SCHEME.test(url)) for (const m of url.matchAll(KEYWORD_SECRET)) add(unquoteKeyword(m[2]));
  return [...new Set(found.filter((s) => s !== ''))];
}
