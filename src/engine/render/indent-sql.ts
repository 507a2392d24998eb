/**
 * Indents the continuation lines of a statement for the migration file, except where a
 * line break sits inside quoted text ('…', E'…', "…", $tag$…$tag$): there it is part of a
 * value and must reach the database byte for byte.
 */
export function indentSql(sql: string, indent: string): string {
  // Only line breaks change; most generated statements have none (2,400 of them at 300 entities).
  if (!sql.includes('\n')) return sql;
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const end = quotedEnd(sql, i);
    if (end > i) {
      out += sql.slice(i, end);
      i = end;
    } else {
      out += sql[i] === '\n' ? `\n${indent}` : sql[i];
      i++;
    }
  }
  return out;
}

/** The index just after the quoted text that starts at `i`, or `i` when none starts there. */
function quotedEnd(sql: string, i: number): number {
  const ch = sql[i];
  const escaped = (ch === 'E' || ch === 'e') && sql[i + 1] === "'" && !/[\w$]/.test(sql[i - 1] ?? '');
  if (escaped) return closeQuote(sql, i + 2, "'", true);
  if (ch === "'" || ch === '"') return closeQuote(sql, i + 1, ch, false);
  if (ch === '$' && !/[\w$]/.test(sql[i - 1] ?? '')) {
    const tag = /^\$(?:[A-Za-z_][\w]*)?\$/.exec(sql.slice(i))?.[0];
    if (tag) {
      const close = sql.indexOf(tag, i + tag.length);
      return close < 0 ? sql.length : close + tag.length;
    }
  }
  return i;
}

/** A doubled quote stays inside; in E'…' a backslash escapes the next character. */
function closeQuote(sql: string, from: number, quote: string, backslash: boolean): number {
  let j = from;
  while (j < sql.length) {
    if (backslash && sql[j] === '\\') j += 2;
    else if (sql[j] === quote && sql[j + 1] === quote) j += 2;
    else if (sql[j] === quote) return j + 1;
    else j++;
  }
  return sql.length;
}
