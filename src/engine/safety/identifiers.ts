/**
 * Every identifier db-manage puts into SQL goes through here. Names are only ever
 * quoted, never interpolated raw, so a name can at worst fail to match: it cannot
 * change the statement.
 */
export function quoteIdent(name: string): string {
  if (name.length === 0 || name.includes('\u0000')) throw new TypeError(`not a valid SQL identifier: ${JSON.stringify(name)}`);
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."table"`. */
export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A literal for the rare statements that take a string, such as COMMENT ON. */
export function quoteLiteral(text: string): string {
  if (text.includes('\u0000')) throw new TypeError('a SQL string literal cannot contain NUL');
  return `'${text.replace(/'/g, "''")}'`;
}
