import { LITERAL_PATTERN, quoteLiteral, unquoteLiteral } from '../../sql/quote';
import { formatArrayLiteral, parseArrayLiteral } from './array-literal';

/**
 * Column defaults in one spelling, so that what the entities say and what pg_get_expr()
 * prints compare equal. PostgreSQL folds a default to a typed constant and prints it back
 * with casts (`'it''s'::character varying`, `'-1'::integer`, `'{}'::text[]`,
 * `'{"a": 1}'::jsonb`); the entities say `it's`, `-1`, `() => "'{}'"`, `{ a: 1 }`.
 *
 * The canonical form is valid SQL for a DEFAULT clause and carries no cast: an untyped
 * literal takes the column's type, which also works for enums in any schema.
 */

const TYPE_NAME = String.raw`(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*)`;
const CAST = String.raw`::\s*${TYPE_NAME}(?:\s*\.\s*${TYPE_NAME})?(?:\s+(?:varying|precision|with|without|time|zone))*(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\s+(?:with|without)\s+time\s+zone)?(?:\s*\[\s*\])*`;
const STRING_CONSTANT = new RegExp(String.raw`^(${LITERAL_PATTERN})\s*((?:${CAST}\s*)*)$`, 's');
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const NUMBER_CONSTANT = new RegExp(String.raw`^\(?\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*\)?\s*((?:${CAST}\s*)*)$`);

const NUMERIC_TYPES = /^(smallint|integer|bigint|real|double precision|numeric(\(\d+,\d+\))?)$/;
const NOW = /^(now\(\)|current_timestamp|transaction_timestamp\(\)|\('now'::text\)::timestamp(\(\d+\))? with(out)? time zone)$/i;
const VALUE_FUNCTION = /^(current_date|current_time|current_timestamp|localtime|localtimestamp|current_user|session_user|current_role|current_schema|current_catalog|user)(\s*\(\s*\d+\s*\))?$/i;
const CALL_WITHOUT_ARGS = /^([A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)?)\s*\(\s*\)$/;

/** Removes parentheses that wrap the whole expression, ignoring any inside quotes. */
export function stripOuterParens(expression: string): string {
  let s = expression.trim();
  while (s.startsWith('(') && closingParen(s, 0) === s.length - 1) s = s.slice(1, -1).trim();
  return s;
}

function closingParen(s: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * The text of a constant (`'x'::type`, `E'a\\b'`, `42`, `(-1)`), or null if the expression
 * is not one. `backslashEscapes`: the text comes from a server whose
 * standard_conforming_strings is off, where pg_get_expr doubles backslashes in '…'.
 */
export function constantValue(expression: string, backslashEscapes = false): string | null {
  const s = stripOuterParens(expression);
  const str = STRING_CONSTANT.exec(s);
  if (str) return unquoteLiteral(str[1], backslashEscapes);
  const num = NUMBER_CONSTANT.exec(s);
  return num ? num[1] : null;
}

/** `10.50` → `10.5`, `+007` → `7`, `-0` → `0`; exponents are kept as written. */
export function canonicalNumber(text: string): string | null {
  const t = text.trim();
  if (!NUMBER.test(t)) return null;
  if (/e/i.test(t)) return t.toLowerCase().replace(/^\+/, '');
  const negative = t.startsWith('-');
  const [rawInt, rawFrac = ''] = t.replace(/^[-+]/, '').split('.');
  const int = rawInt.replace(/^0+(?=\d)/, '') || '0';
  const frac = rawFrac.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

/** JSON with object keys sorted, so key order (which jsonb discards) never counts. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

const BOOLEAN_WORDS: Readonly<Record<string, string>> = { t: 'true', true: 'true', y: 'true', yes: 'true', on: 'true', '1': 'true', f: 'false', false: 'false', n: 'false', no: 'false', off: 'false', '0': 'false' };

function canonicalConstant(value: string, type: string): string {
  if (type.endsWith('[]')) {
    const elements = parseArrayLiteral(value);
    return quoteLiteral(elements ? formatArrayLiteral(elements) : value);
  }
  if (type === 'boolean') {
    const word = BOOLEAN_WORDS[value.trim().toLowerCase()];
    if (word) return word;
  }
  if (NUMERIC_TYPES.test(type)) {
    const number = canonicalNumber(value);
    if (number !== null) return number;
  }
  if (type === 'jsonb') {
    try {
      return quoteLiteral(stableJson(JSON.parse(value)));
    } catch {
      // not JSON: PostgreSQL would reject it too; keep the text so the error shows it
    }
  }
  return quoteLiteral(value);
}

/** Collapses runs of whitespace outside quoted text. */
function collapseWhitespace(s: string): string {
  return s.replace(/('(?:[^']|'')*'|"(?:[^"]|"")*")|\s+/g, (m, quoted: string | undefined) => quoted ?? ' ').trim();
}

/**
 * The canonical default of a column of canonical type `type`, or null for no default.
 * An explicit `NULL` default is the same as none.
 */
export function canonicalDefault(expression: string | null | undefined, type: string, options: { readonly backslashEscapes?: boolean } = {}): string | null {
  if (expression === null || expression === undefined) return null;
  const s = stripOuterParens(expression);
  if (s === '' || /^null(\s*::.*)?$/is.test(s)) return null;
  const constant = constantValue(s, options.backslashEscapes);
  if (constant !== null) return canonicalConstant(constant, type);
  if (NOW.test(s)) return 'now()';
  const valueFunction = VALUE_FUNCTION.exec(s);
  if (valueFunction) return `${valueFunction[1].toUpperCase()}${valueFunction[2] ? valueFunction[2].replace(/\s+/g, '') : ''}`;
  const call = CALL_WITHOUT_ARGS.exec(s);
  if (call) return `${call[1].toLowerCase()}()`;
  return collapseWhitespace(s);
}
