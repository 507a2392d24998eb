import { DbManageError } from '../errors/db-manage-error';
import { displayName, quotedTable, type ManagedTable } from './managed-objects';
import { storedName } from '../model/stored-names';

/** `"schema"."table"` (quotes doubled inside), as quotedTable writes it; null for anything else. */
function parseQuoted(input: string): ManagedTable | null {
  const match = /^"((?:[^"]|"")+)"\."((?:[^"]|"")+)"$/.exec(input);
  return match ? { schema: match[1].replace(/""/g, '"'), table: match[2].replace(/""/g, '"') } : null;
}

/**
 * Finds the managed table a user named, as `table`, `schema.table` or `"schema"."table"`.
 * The input is only compared with known names, never parsed into SQL, so
 * `users; drop table x` matches nothing and is rejected with the list of valid names.
 * Names compare as PostgreSQL stores them (63 bytes), so a long declared name works too.
 */
export function resolveTable(input: string, tables: readonly ManagedTable[], defaultSchema = 'public'): ManagedTable {
  const quoted = parseQuoted(input);
  const same = (t: ManagedTable, schema: string, table: string) => t.schema === storedName(schema) && t.table === storedName(table);
  const exact = quoted
    ? tables.filter((t) => same(t, quoted.schema, quoted.table))
    : tables.filter((t) => input.startsWith(`${t.schema}.`) && same(t, t.schema, input.slice(t.schema.length + 1)));
  if (exact.length === 1) return exact[0];
  const bare = quoted ? [] : tables.filter((t) => t.table === storedName(input));
  if (exact.length === 0 && bare.length === 1) return bare[0];
  // "a.b.c" names both "a"."b.c" and "a.b"."c": ask for the quoted form rather than guess.
  const matches = exact.length > 1 ? exact : bare;
  if (matches.length > 1) {
    const options = matches.map((t) => (exact.length > 1 ? quotedTable(t) : `${t.schema}.${t.table}`)).sort();
    throw new DbManageError('name-ambiguous', `table name ${JSON.stringify(input)} names several tables: ${options.join(', ')}`, {
      hint: exact.length > 1 ? 'Name it in quotes, as "schema"."table"' : 'Name it as schema.table',
      details: { input, candidates: options },
    });
  }
  const valid = tables.map((t) => displayName(t, defaultSchema));
  throw new DbManageError('name-not-found', `${JSON.stringify(input)} is not a table the entities manage`, {
    hint: valid.length > 0 ? `Valid tables: ${valid.join(', ')}` : 'The entities define no tables',
    details: { input, valid },
  });
}

/** Finds the managed schema a user named; anything else is rejected with the valid names. */
export function resolveSchema(input: string, schemas: readonly string[]): string {
  if (schemas.includes(storedName(input))) return storedName(input);
  throw new DbManageError('name-not-found', `${JSON.stringify(input)} is not a schema the entities use`, {
    hint: schemas.length > 0 ? `Valid schemas: ${schemas.join(', ')}` : 'The entities define no tables',
    details: { input, valid: [...schemas] },
  });
}
