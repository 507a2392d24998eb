/**
 * Functions PostgreSQL marks VOLATILE that people put in column defaults. Adding a column
 * with such a default evaluates it once per existing row, which rewrites the table.
 * now(), CURRENT_TIMESTAMP and statement_timestamp() are STABLE: PostgreSQL 11+ stores
 * their value once in the catalog ("fast default"), so they are not listed.
 */
export const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set([
  'random',
  'random_normal',
  'setseed',
  'gen_random_uuid',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
  'clock_timestamp',
  'timeofday',
  'nextval',
]);

/** Serial pseudo-types: a column default of nextval(), so a per-row value. */
export const SERIAL_TYPES: ReadonlySet<string> = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

export function volatileCalls(calls: readonly string[]): string[] {
  return calls.filter((name) => VOLATILE_FUNCTIONS.has(name));
}
