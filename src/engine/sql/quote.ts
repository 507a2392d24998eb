import { DbManageError } from '../errors/db-manage-error';

/**
 * The one place that turns names and text into SQL. Identifiers are always quoted, as
 * TypeORM does, so a keyword or a capital (`"createdAt"`) needs no special case. Literals
 * must mean the same text whatever the server's `standard_conforming_strings` says: with
 * it off, a backslash in a plain '…' literal is an escape, so `\'` would end the string
 * early and let the rest run as SQL. Text with a backslash therefore becomes an E'…'
 * literal, whose escapes PostgreSQL reads the same way under either setting.
 */

function refuseNul(text: string, what: string): void {
  if (text.includes('\u0000')) {
    throw new DbManageError('config-invalid', `${what} ${JSON.stringify(text)} contains a NUL character, which PostgreSQL text cannot hold`, {
      hint: 'Remove the \\0 character from it',
    });
  }
}

export function quoteIdent(name: string): string {
  if (name.length === 0) throw new DbManageError('config-invalid', 'an empty name is not a valid SQL identifier', { hint: 'Give the object a name' });
  refuseNul(name, 'the name');
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."name"`, always schema-qualified so the search_path never matters. */
export function qualify(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** Characters that make a literal an E'…' one: a backslash, and line breaks, which are written as \n / \r. */
const NEEDS_ESCAPE = /[\\\n\r]/;

/**
 * A string literal with the same value under either string setting. Line breaks are
 * escaped too, so a generated statement never has a line break inside a literal and its
 * layout can be changed without touching any value.
 */
export function quoteLiteral(text: string): string {
  refuseNul(text, 'the text');
  if (!NEEDS_ESCAPE.test(text)) return `'${text.replace(/'/g, "''")}'`;
  const body = text.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `E'${body}'`;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The value of the body of an E'…' literal (quotes already undoubled or not: both `''` and `\'` mean `'`). */
function unescapeBody(body: string): string {
  return body.replace(/''|\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([\s\S]))/g, (all, oct?: string, hex?: string, u4?: string, u8?: string, ch?: string) => {
    if (all === "''") return "'";
    if (oct) return String.fromCharCode(parseInt(oct, 8));
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (u4 ?? u8) return String.fromCodePoint(parseInt((u4 ?? u8) as string, 16));
    return SIMPLE_ESCAPES[ch as string] ?? (ch as string);
  });
}

/**
 * The value of a literal written as `'…'` or `E'…'`, or null if `text` is not exactly one.
 * `backslashEscapes` reads a plain '…' as a server with standard_conforming_strings off
 * writes it (pg_get_expr then doubles every backslash).
 */
export function unquoteLiteral(text: string, backslashEscapes = false): string | null {
  const escaped = /^[Ee]'((?:[^'\\]|''|\\[\s\S])*)'$/.exec(text);
  if (escaped) return unescapeBody(escaped[1]);
  if (backslashEscapes) {
    const plain = /^'((?:[^'\\]|''|\\[\s\S])*)'$/.exec(text);
    return plain ? unescapeBody(plain[1]) : null;
  }
  const plain = /^'((?:[^']|'')*)'$/.exec(text);
  return plain ? plain[1].replace(/''/g, "'") : null;
}

/**
 * The pattern of one literal inside longer SQL (a default with a cast): plain or E'…'.
 * Only the forms quoteLiteral and pg_get_expr write.
 */
export const LITERAL_PATTERN = String.raw`(?:[Ee]'(?:[^'\\]|''|\\[\s\S])*'|'(?:[^']|'')*')`;
