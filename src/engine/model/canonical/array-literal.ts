/**
 * One-dimensional PostgreSQL array literals (`{a,"b c",NULL}`), written the way array_out
 * writes them, so `{"a","b"}` and `{a,b}` compare equal and JS arrays become valid SQL.
 * TypeORM joins the elements with commas and no quoting, so `['a b', 'c,d']` breaks.
 */

/** The element text, or null for an unquoted NULL. */
export type ArrayElement = string | null;

/** Parses `{...}`; returns null for anything else (including nested arrays). */
export function parseArrayLiteral(text: string): ArrayElement[] | null {
  const s = text.trim();
  if (!s.startsWith('{') || !s.endsWith('}')) return null;
  const body = s.slice(1, -1);
  const out: ArrayElement[] = [];
  if (body.trim() === '') return out;
  let i = 0;
  while (i <= body.length) {
    while (body[i] === ' ') i++;
    let value: ArrayElement;
    if (body[i] === '"') {
      let text = '';
      i++;
      for (; i < body.length && body[i] !== '"'; i++) {
        if (body[i] === '\\') i++;
        text += body[i] ?? '';
      }
      if (body[i] !== '"') return null;
      i++;
      value = text;
    } else if (body[i] === '{') {
      return null;
    } else {
      let text = '';
      for (; i < body.length && body[i] !== ','; i++) text += body[i];
      // array_in trims ASCII white space only; a no-break space is part of the value.
      text = text.replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '');
      value = /^null$/i.test(text) ? null : text;
    }
    while (body[i] === ' ') i++;
    out.push(value);
    if (i >= body.length) break;
    if (body[i] !== ',') return null;
    i++;
  }
  return out;
}

// array_out quotes only ASCII white space (array_isspace), not every Unicode space.
const NEEDS_QUOTES = /[{}",\\ \t\n\r\v\f]/;

/** Writes elements as array_out does: quotes only where needed, NULL for null. */
export function formatArrayLiteral(elements: readonly ArrayElement[]): string {
  const parts = elements.map((e) => {
    if (e === null) return 'NULL';
    if (e === '' || /^null$/i.test(e) || NEEDS_QUOTES.test(e)) return `"${e.replace(/(["\\])/g, '\\$1')}"`;
    return e;
  });
  return `{${parts.join(',')}}`;
}
