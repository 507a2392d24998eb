/**
 * Statements a migration may send without waiting for their answer: one statement whose
 * result, as TypeORM returns it to `queryRunner.query(sql)`, is always `[]` (DDL and SET
 * return no rows), sent without parameters and without asking for the structured result.
 * Anything else (a read, a write that counts rows, a query string of several statements,
 * whose result TypeORM returns differently) waits for the answers before it, as before.
 */
const NO_ROWS = /^\s*(?:CREATE|ALTER|DROP|COMMENT|SET)\b/i;

/** The text without its final `;`: a second `;` anywhere (even quoted) may start another statement. */
function oneStatement(sql: string): boolean {
  const end = sql.search(/;\s*$/);
  const body = end === -1 ? sql : sql.slice(0, end);
  return !body.includes(';');
}

export function canPipeline(sql: unknown, parameters: readonly unknown[] | undefined, structured: boolean | undefined): sql is string {
  return typeof sql === 'string' && !structured && (parameters === undefined || parameters.length === 0) && NO_ROWS.test(sql) && oneStatement(sql);
}

/**
 * A savepoint means the migration may catch a failed statement and roll back to it, which
 * only works when each statement's error reaches the `await` that sent it: from the first
 * one on, the migration's statements are sent one at a time.
 */
export function startsSavepoints(sql: unknown): boolean {
  return typeof sql === 'string' && /\bSAVEPOINT\b/i.test(sql);
}
