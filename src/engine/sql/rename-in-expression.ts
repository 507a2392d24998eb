import { quoteIdent } from './quote';

/** Words that are never a bare column reference: PostgreSQL makes a user quote such a column. */
const RESERVED = new Set(
  'all and any array as asc between both case cast collate constraint current_date current_time current_timestamp current_user default desc distinct else end false for from in is isnull like not notnull null or order session_user similar some symmetric then true user using when where with'.split(' '),
);

/**
 * `sql` with every reference to column `from` made a reference to `to`, as PostgreSQL
 * rewrites index predicates, CHECK and EXCLUDE expressions and generated columns when a
 * column is renamed (it stores them as parse trees, not text). String literals, type names
 * after `::`, qualified names (`t.x`, `schema.fn`) and function names (`x(`) are left alone.
 */
export function renameInExpression(sql: string, from: string, to: string): string {
  let out = '';
  let i = 0;
  const previous = () => out.replace(/\s+$/, '');
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "'") {
      // E'…' strings may escape a quote with a backslash.
      const escapes = /[eE]$/.test(out) && !/[\w$"][eE]$/.test(out);
      let j = i + 1;
      while (j < sql.length) {
        if (escapes && sql[j] === '\\') j += 2;
        else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j += 1;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    let name: string | null = null;
    let end = i;
    if (ch === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === '"' && sql[j + 1] !== '"')) j += sql[j] === '"' ? 2 : 1;
      name = sql.slice(i + 1, j).replace(/""/g, '"');
      end = j + 1;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(ch) && !/[\w$\u0080-\uffff]$/.test(out)) {
      const word = /^[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/.exec(sql.slice(i))![0];
      name = word.toLowerCase();
      end = i + word.length;
    }
    if (name === null) {
      out += ch;
      i += 1;
      continue;
    }
    const before = previous();
    const after = sql.slice(end).replace(/^\s+/, '');
    const qualified = before.endsWith('.') || after.startsWith('.');
    const typeName = before.endsWith('::');
    const call = after.startsWith('(');
    const keyword = ch !== '"' && RESERVED.has(name);
    out += name === from && !qualified && !typeName && !call && !keyword ? quoteIdent(to) : sql.slice(i, end);
    i = end;
  }
  return out;
}
