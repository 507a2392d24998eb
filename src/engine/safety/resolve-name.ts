import { DbManageError } from '../errors/db-manage-error';
import { displayName, type ManagedTable } from './managed-objects';

/**
 * Finds the managed table a user named, as `table` or `schema.table`. The input is only
 * compared with known names, never parsed into SQL, so `users; drop table x` matches
 * nothing and is rejected with the list of valid names.
 */
export function resolveTable(input: string, tables: readonly ManagedTable[], defaultSchema = 'public'): ManagedTable {
  const exact = tables.filter((t) => `${t.schema}.${t.table}` === input);
  if (exact.length === 1) return exact[0];
  const bare = tables.filter((t) => t.table === input);
  if (bare.length === 1) return bare[0];
  const valid = tables.map((t) => displayName(t, defaultSchema));
  if (bare.length > 1) {
    const options = bare.map((t) => `${t.schema}.${t.table}`).sort();
    throw new DbManageError('name-ambiguous', `table name ${JSON.stringify(input)} exists in several schemas: ${options.join(', ')}`, {
      hint: 'Name it as schema.table',
      details: { input, candidates: options },
    });
  }
  throw new DbManageError('name-not-found', `${JSON.stringify(input)} is not a table the entities manage`, {
    hint: valid.length > 0 ? `Valid tables: ${valid.join(', ')}` : 'The entities define no tables',
    details: { input, valid },
  });
}

/** Finds the managed schema a user named; anything else is rejected with the valid names. */
export function resolveSchema(input: string, schemas: readonly string[]): string {
  if (schemas.includes(input)) return input;
  throw new DbManageError('name-not-found', `${JSON.stringify(input)} is not a schema the entities use`, {
    hint: schemas.length > 0 ? `Valid schemas: ${schemas.join(', ')}` : 'The entities define no tables',
    details: { input, valid: [...schemas] },
  });
}
