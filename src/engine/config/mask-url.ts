import { driverConfig, safeDecode } from './driver-url';
import { KEYWORD_SECRET, lenientPassword, QUERY_SECRET, secretsOf } from './secrets-of';

export { secretsOf } from './secrets-of';

const MASK = '***';
/** Free text hides secrets this long or longer; a shorter one would mask ordinary words. */
const MIN_FREE_TEXT = 4;
/** Inside a URL db-manage knows to be one, shorter secrets are hidden too. */
const MIN_IN_URL = 3;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The ways a secret can reach a printed text: as is, percent-encoded (upper and lower case
 * hex, with '+' for spaces), JSON-escaped (once and twice, with or without \u escapes),
 * escaped as a libpq or SQL literal, and base64.
 */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const asciiJson = json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const percent = encodeURIComponent(secret);
  const forms = [
    secret,
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (p) => p.toLowerCase()),
    encodeURI(secret),
    new URLSearchParams([['k', secret]]).toString().slice(2),
    json,
    asciiJson,
    JSON.stringify(json).slice(1, -1),
    secret.replace(/\\/g, '\\\\').replace(/'/g, "\\'"),
    secret.replace(/'/g, "''"),
    Buffer.from(secret, 'utf8').toString('base64'),
    Buffer.from(secret, 'utf8').toString('base64url'),
  ];
  return [...new Set(forms)];
}

type Span = readonly [start: number, end: number];

/** Every place a needle occurs in `text`. */
function occurrences(text: string, needles: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const needle of needles) {
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) spans.push([i, i + needle.length]);
  }
  return spans;
}

/**
 * Replaces the union of the spans with `***`. Masking spans rather than replacing one
 * secret after another matters when two readings of a secret overlap: replacing the first
 * would break the second apart and leave its tail in the text.
 */
function maskSpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i][0];
    let end = sorted[i][1];
    while (++i < sorted.length && sorted[i][0] <= end) end = Math.max(end, sorted[i][1]);
    if (start >= at) out += text.slice(at, start) + MASK;
    at = Math.max(at, end);
  }
  return out + text.slice(at);
}

function formsOf(secrets: readonly string[], min: number): string[] {
  return [...new Set(secrets.flatMap(secretForms))].filter((f) => f.length >= min);
}

/** Where each match's `value` group sits, when it is not empty. */
function valueSpans(text: string, pattern: RegExp): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(pattern)) {
    const key = m[1];
    const value = m[2];
    if (value) spans.push([m.index + key.length, m.index + key.length + value.length]);
  }
  return spans;
}

/** Where the secrets of one connection string sit in it, by every reading of it. */
function urlSecretSpans(url: string): Span[] {
  const spans = occurrences(url, formsOf(secretsOf(url), MIN_IN_URL));
  if (!SCHEME.test(url)) return [...spans, ...valueSpans(url, KEYWORD_SECRET)];
  spans.push(...valueSpans(url, QUERY_SECRET));
  const pass = lenientPassword(url);
  if (pass) {
    const start = url.indexOf(':', url.indexOf('://') + 3) + 1;
    spans.push([start, start + pass.length]);
  }
  return spans;
}

/**
 * One connection string, whole, with every secret replaced by `***`: whatever any reading
 * of it calls a password — the driver's, WHATWG URL's, the user info from the first ':' to
 * the last '@', `?password=` / `?sslpassword=`, and `password=` of the keyword/value form.
 */
export function maskedUrl(url: string): string {
  return maskSpans(url, urlSecretSpans(url));
}

/** The secret spans of every postgres URL inside free text; a URL there ends at whitespace or a quote. */
function urlsInText(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(/(?:postgres(?:ql)?|socket):\/\/[^\s"'`<>]+/gi)) {
    for (const [start, end] of urlSecretSpans(m[0])) spans.push([m.index + start, m.index + end]);
  }
  return spans;
}

/**
 * Masks every postgres URL inside `text`. A password that itself holds a space or a quote
 * ends the URL early here; `redactSecrets`, which knows the secret, hides the rest.
 */
export function maskUrl(text: string): string {
  return maskSpans(text, urlsInText(text));
}

/**
 * Removes URL passwords and known secrets, in every encoding they may take, from any text.
 * One pass over the original text: masking the URL first would cut a secret that runs past
 * the URL's end in two, and its tail would no longer match.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return maskSpans(text, [...urlsInText(text), ...occurrences(text, formsOf(secrets, MIN_FREE_TEXT))]);
}

/**
 * A value about to be serialised (a --json document), with secrets removed from every
 * string in it. Redacting before serialising matters: JSON escapes a '"' or '\' in a
 * password, and the escaped text no longer matches the secret.
 */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  const seen = new WeakMap<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactSecrets(v, secrets);
    if (v === null || typeof v !== 'object') return v;
    const withJson = v as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function') return walk(withJson.toJSON());
    if (seen.has(v)) return seen.get(v);
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const item of v) out.push(walk(item));
      return out;
    }
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const [k, item] of Object.entries(v)) out[redactSecrets(k, secrets)] = walk(item);
    return out;
  };
  return walk(value) as T;
}

/** The password the driver would send, or what the user typed as one when the driver cannot read the URL. */
export function passwordOf(url: string): string | undefined {
  const driver = driverConfig(url)?.password;
  if (driver) return driver;
  const typed = lenientPassword(url);
  return typed ? safeDecode(typed) : undefined;
}
