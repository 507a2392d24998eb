/**
 * The one thing inspection needs from a connection. A TypeORM QueryRunner, a DataSource
 * and a thin wrapper around a pg Client all fit, so inspection works with either.
 */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Adapts a pg Client, whose query() resolves to a result object, to return the rows. */
export function rowsOf(client: { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> }): Queryable {
  return { query: async (sql, params) => (await client.query(sql, params)).rows };
}
