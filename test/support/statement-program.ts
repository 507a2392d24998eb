// Imported by the generated migrations themselves: this module imports nothing.

/**
 * A migration body as data, for testing how the runner sends statements: the same program
 * runs as a migration (through db-manage) and, as the oracle, on a plain pg client that
 * awaits every statement in turn, as PostgreSQL sees a migration without pipelining.
 */
export type ProgramStep =
  /** `await q(sql)` */
  | { readonly kind: 'statement'; readonly sql: string }
  /** `await q(sql, params)`: a write with parameters, never pipelined. */
  | { readonly kind: 'insert'; readonly sql: string; readonly params: readonly unknown[] }
  /**
   * Reads, and logs what it saw: whatever ran before it must have run. `wrap`: the migration
   * catches the read's failure and throws an error of its own.
   */
  | { readonly kind: 'read'; readonly sql: string; readonly wrap?: boolean; readonly handle?: ReadHandle }
  /** A statement under a savepoint whose failure the migration catches and rolls back. */
  | { readonly kind: 'guarded'; readonly sql: string }
  /**
   * COMMIT, the steps outside any transaction, START TRANSACTION: how a migration runs
   * CREATE INDEX CONCURRENTLY. A statement after a failed one there would run and stay.
   */
  | { readonly kind: 'outside'; readonly steps: readonly ProgramStep[] };

export const LOG_TABLE = 'pipeline_log';

/** How a migration reads: each handle TypeORM gives it that reaches its own connection. */
export type ReadHandle = 'queryRunner.query' | 'queryRunner.manager.query' | 'raw client' | 'structured result';
export const READ_HANDLES: readonly ReadHandle[] = ['queryRunner.query', 'queryRunner.manager.query', 'raw client', 'structured result'];

export type Query = (sql: string, params?: unknown[]) => Promise<unknown>;
/** Reads `sql` through `handle`, returning the rows. */
export type Read = (handle: ReadHandle, sql: string) => Promise<unknown>;

/** The interpreter both sides run; `q` is `queryRunner.query` or a pg client's. */
export async function runProgram(q: Query, steps: readonly ProgramStep[], read: Read = (_, sql) => q(sql)): Promise<void> {
  let savepoints = 0;
  for (const step of steps) {
    if (step.kind === 'statement') await q(step.sql);
    else if (step.kind === 'insert') await q(step.sql, [...step.params]);
    else if (step.kind === 'read') {
      let rows: unknown;
      try {
        rows = await read(step.handle ?? 'queryRunner.query', step.sql);
      } catch (err) {
        if (step.wrap) throw new Error(`the migration's own check failed: ${String(err)}`);
        throw err;
      }
      await q(`INSERT INTO "${LOG_TABLE}" ("note") VALUES ($1)`, [JSON.stringify(rows)]);
    } else if (step.kind === 'outside') {
      await q('COMMIT');
      await runProgram(q, step.steps, read);
      await q('START TRANSACTION');
    } else {
      const name = `program_${savepoints++}`;
      await q(`SAVEPOINT ${name}`);
      try {
        await q(step.sql);
        await q(`RELEASE SAVEPOINT ${name}`);
      } catch {
        await q(`ROLLBACK TO SAVEPOINT ${name}`);
      }
    }
  }
}
