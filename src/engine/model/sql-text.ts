/**
 * Quoting for generated SQL. Identifiers are always quoted, as TypeORM does, so a name that
 * is a keyword or has capitals (`"createdAt"`) needs no special case.
 */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A standard-conforming string literal: only the single quote is doubled. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `"schema"."name"`, always schema-qualified so the search_path never matters. */
export function qualify(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** The value of a literal written as `'...'` (doubled quotes undone), or null if it is not one. */
export function unquoteLiteral(text: string): string | null {
  const match = /^'((?:[^']|'')*)'$/s.exec(text);
  return match ? match[1].replace(/''/g, "'") : null;
}
