import { assertLoaded, scan } from './pg-parser';
import { quoteIdent, quoteLiteral, unquoteLiteral } from './quote';

const QUOTED_NAME = /^"(?:[^"]|"")*"$/;

/**
 * `sql` with `"schema".` taken off every name it qualifies, and off a literal that is a
 * qualified name ('"schema"."seq"'::regclass), so the statement acts on whatever schema is
 * first on the search_path: a migration for schema-per-tenant projects, run once per tenant.
 * Other schemas stay qualified; text inside other literals and identifiers is left as it is.
 * The statement is read with PostgreSQL's scanner (the parser must be loaded).
 */
export function withoutSchema(sql: string, schema: string): string {
  assertLoaded();
  const tokens = scan(sql);
  if (tokens === null) return sql;
  const qualifier = quoteIdent(schema);
  const bytes = Buffer.from(sql);
  const text = (start: number, end: number) => bytes.subarray(start, end).toString();
  let out = '';
  let last = 0;
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    const qualifies =
      token.text === qualifier &&
      next?.text === '.' &&
      next.start === token.end &&
      tokens[i + 2]?.text.startsWith('"') &&
      tokens[i + 2].start === next.end &&
      !(previous?.text === '.' && previous.end === token.start);
    if (qualifies) {
      out += text(last, token.start);
      last = next.end;
      return;
    }
    if (token.tokenName !== 'SCONST') return;
    const inner = unquoteLiteral(token.text);
    const name = inner?.startsWith(`${qualifier}.`) ? inner.slice(qualifier.length + 1) : null;
    if (name === null || !QUOTED_NAME.test(name)) return;
    out += text(last, token.start) + quoteLiteral(name);
    last = token.end;
  });
  return out + text(last, bytes.length);
}
