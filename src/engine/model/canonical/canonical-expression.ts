import { storedName } from '../stored-names';

/**
 * A comparison key for SQL boolean expressions (partial-index predicates, CHECK
 * constraints). The entity says `"deletedAt" IS NULL` or `status = 'active'`; PostgreSQL
 * prints `("deletedAt" IS NULL)` and `((status)::text = 'active'::text)`. The key drops
 * what PostgreSQL adds (casts, parentheses), folds case and quoting of plain identifiers,
 * and rewrites `x IN (a, b)` as PostgreSQL stores it (`x = ANY (ARRAY[a, b])`).
 *
 * It is a key, never SQL: dropping every parenthesis could make two different expressions
 * look alike (`a AND (b OR c)` vs `a AND b OR c`); nobody writes both for one index.
 */

type Token = { readonly kind: 'string' | 'ident' | 'word' | 'number' | 'op' | 'open' | 'close' | 'comma' | 'lbracket' | 'rbracket'; readonly text: string };

const PLAIN_IDENT = /^[a-z_][a-z0-9_$]*$/;
const TYPE_WORDS = new Set(['varying', 'precision', 'with', 'without', 'time', 'zone']);

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
      tokens.push({ kind: 'string', text: sql.slice(i, j + 1) });
      i = j + 1;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === '"' && sql[j + 1] !== '"')) j += sql[j] === '"' ? 2 : 1;
      // PostgreSQL keeps 63 bytes of any identifier it reads, quoted or not.
      const name = storedName(sql.slice(i + 1, j).replace(/""/g, '"'));
      tokens.push(PLAIN_IDENT.test(name) ? { kind: 'word', text: name } : { kind: 'ident', text: `"${name}"` });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][\w$]*/.exec(sql.slice(i))![0];
      tokens.push({ kind: 'word', text: storedName(m.toLowerCase()) });
      i += m.length;
    } else if (/\d/.test(ch) || (ch === '.' && /\d/.test(sql[i + 1] ?? ''))) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(sql.slice(i))![0];
      tokens.push({ kind: 'number', text: m });
      i += m.length;
    } else if (ch === '(' || ch === ')' || ch === ',' || ch === '[' || ch === ']') {
      const kind = ({ '(': 'open', ')': 'close', ',': 'comma', '[': 'lbracket', ']': 'rbracket' } as const)[ch];
      tokens.push({ kind, text: ch });
      i++;
    } else {
      const m = /^(::|<>|!=|<=|>=|[-+*/<>=~!@#%^&|`?.]+)/.exec(sql.slice(i))?.[0] ?? ch;
      tokens.push({ kind: 'op', text: m === '!=' ? '<>' : m });
      i += m.length;
    }
  }
  return tokens;
}

/** Skips a type name after `::`; returns the index after it. */
function skipType(tokens: readonly Token[], start: number): number {
  let i = start;
  if (tokens[i]?.kind === 'word' || tokens[i]?.kind === 'ident') i++;
  if (tokens[i]?.text === '.' && (tokens[i + 1]?.kind === 'word' || tokens[i + 1]?.kind === 'ident')) i += 2;
  while (tokens[i]?.kind === 'word' && TYPE_WORDS.has(tokens[i].text)) i++;
  if (tokens[i]?.kind === 'open' && tokens[i + 1]?.kind === 'number') {
    let j = i + 1;
    while (j < tokens.length && tokens[j].kind !== 'close') j++;
    i = j + 1;
  }
  while (tokens[i]?.kind === 'word' && TYPE_WORDS.has(tokens[i].text)) i++;
  while (tokens[i]?.kind === 'lbracket' && tokens[i + 1]?.kind === 'rbracket') i += 2;
  return i;
}

/** `x IN (a, b)` → `x = ANY (ARRAY[a, b])`, as PostgreSQL stores it. */
function rewriteIn(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const negated = t.text === 'not' && tokens[i + 1]?.text === 'in';
    if ((t.text === 'in' || negated) && tokens[i + (negated ? 2 : 1)]?.kind === 'open' && tokens[i + (negated ? 3 : 2)]?.text !== 'select') {
      out.push({ kind: 'op', text: negated ? '<>' : '=' }, { kind: 'word', text: negated ? 'all' : 'any' }, { kind: 'word', text: 'array' });
      i += negated ? 1 : 0;
      continue;
    }
    out.push(t);
  }
  return out;
}

export function expressionKey(sql: string): string {
  const tokens = rewriteIn(tokenize(sql));
  const kept: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.text === '::') {
      i = skipType(tokens, i + 1) - 1;
      continue;
    }
    if (t.kind === 'open' || t.kind === 'close' || t.kind === 'lbracket' || t.kind === 'rbracket') continue;
    kept.push(t.text);
  }
  return kept.join(' ');
}
