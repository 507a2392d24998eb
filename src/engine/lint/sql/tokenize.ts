/**
 * A PostgreSQL lexer, just deep enough to classify DDL: it knows where strings, quoted
 * identifiers, dollar quotes and comments begin and end, so a `;` or a keyword inside
 * one of them is never mistaken for structure.
 */
export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'operator';

export interface Token {
  readonly kind: TokenKind;
  /** Words: as written. Quoted identifiers and strings: the unescaped content. */
  readonly text: string;
  /** Words only: upper-cased, for keyword matching. Empty for every other kind. */
  readonly upper: string;
  /** Offset of the token's first character in the input. */
  readonly start: number;
  readonly end: number;
}

export interface Comment {
  readonly text: string;
  readonly start: number;
}

export interface Lexed {
  readonly tokens: readonly Token[];
  readonly comments: readonly Comment[];
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const OPERATOR_CHARS = '+-*/<>=~!@#%^&|`?';

function readQuoted(sql: string, from: number, quote: string, backslashes: boolean): { text: string; end: number } {
  let text = '';
  let i = from + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslashes && ch === '\\' && i + 1 < sql.length) {
      text += sql[i + 1];
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (sql[i + 1] === quote) {
        text += quote;
        i += 2;
        continue;
      }
      return { text, end: i + 1 };
    }
    text += ch;
    i++;
  }
  // An unterminated literal runs to the end; PostgreSQL would reject it anyway.
  return { text, end: sql.length };
}

function blockCommentEnd(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return sql.length;
}

export function tokenize(sql: string): Lexed {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  const push = (kind: TokenKind, text: string, start: number, end: number) =>
    tokens.push({ kind, text, upper: kind === 'word' ? text.toUpperCase() : '', start, end });
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      const end = nl === -1 ? sql.length : nl;
      comments.push({ text: sql.slice(i + 2, end), start: i });
      i = end;
    } else if (sql.startsWith('/*', i)) {
      const end = blockCommentEnd(sql, i);
      comments.push({ text: sql.slice(i + 2, Math.max(i + 2, end - 2)), start: i });
      i = end;
    } else if (ch === "'") {
      const r = readQuoted(sql, i, "'", false);
      push('string', r.text, i, r.end);
      i = r.end;
    } else if (ch === '"') {
      const r = readQuoted(sql, i, '"', false);
      push('quoted', r.text, i, r.end);
      i = r.end;
    } else if (ch === '$') {
      const param = /^\$\d+/.exec(sql.slice(i, i + 12));
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 80));
      if (param) {
        push('param', param[0], i, i + param[0].length);
        i += param[0].length;
      } else if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        const end = close === -1 ? sql.length : close + tag[0].length;
        push('string', sql.slice(i + tag[0].length, close === -1 ? sql.length : close), i, end);
        i = end;
      } else {
        push('operator', ch, i, i + 1);
        i++;
      }
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(sql.slice(i))!;
      push('number', m[0], i, i + m[0].length);
      i += m[0].length;
    } else if (WORD_START.test(ch)) {
      let j = i + 1;
      while (j < sql.length && WORD_PART.test(sql[j])) j++;
      const word = sql.slice(i, j);
      // E'…' takes backslash escapes; B'…', X'…', N'…' and U&'…' are plain literals here.
      if (sql[j] === "'" && /^[EeBbXxNn]$/.test(word)) {
        const r = readQuoted(sql, j, "'", /^[Ee]$/.test(word));
        push('string', r.text, i, r.end);
        i = r.end;
      } else {
        push('word', word, i, j);
        i = j;
      }
    } else if (sql.startsWith('::', i)) {
      push('punct', '::', i, i + 2);
      i += 2;
    } else if ('(),;.[]:'.includes(ch)) {
      push('punct', ch, i, i + 1);
      i++;
    } else if (OPERATOR_CHARS.includes(ch)) {
      let j = i + 1;
      while (j < sql.length && OPERATOR_CHARS.includes(sql[j]) && !sql.startsWith('--', j) && !sql.startsWith('/*', j)) j++;
      push('operator', sql.slice(i, j), i, j);
      i = j;
    } else {
      push('operator', ch, i, i + 1);
      i++;
    }
  }
  return { tokens, comments };
}

/** Splits a lexed script at top-level semicolons; empty statements are dropped. */
export function splitStatements(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === ';') {
      if (current.length > 0) out.push(current);
      current = [];
    } else {
      current.push(t);
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}
