import { quoteLiteral } from '../sql/quote';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): unknown };

/** A value as a PostgreSQL literal, converted the way the pg driver would send it. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const prepared = prepareValue(value);
  if (prepared === null || prepared === undefined) return 'NULL';
  if (Buffer.isBuffer(prepared)) return `${quoteLiteral(`\\x${prepared.toString('hex')}`)}::bytea`;
  return quoteLiteral(String(prepared));
}

/**
 * Puts the parameters into the statement, so `--sql` prints SQL a user can run with
 * psql. One pass over the text: a value containing "$2" is never substituted again.
 */
export function inlineParameters(sql: string, parameters?: readonly unknown[]): string {
  if (!parameters || parameters.length === 0) return sql;
  return sql.replace(/\$(\d+)/g, (whole, n: string) => {
    const index = Number(n) - 1;
    return index >= 0 && index < parameters.length ? sqlLiteral(parameters[index]) : whole;
  });
}
