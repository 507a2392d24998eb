import type { QueryRunner, Table } from 'typeorm';
import { asToolkit } from '../../runner/query-scope';
import { isReadOnlyStatement, notRun } from '../../runner/sql-recorder';
import { classify } from '../sql/classify';

/** What one intercepted query call looked like from the migration's side. */
export interface RecordedCall {
  readonly sql: string;
  readonly parameters?: readonly unknown[];
}

/** A read the rules still need to see: SELECT set_config('lock_timeout', …). */
function changesSettings(sql: string): boolean {
  return /set_config/i.test(sql) && classify(sql).statements.some((s) => s.shape.kind === 'set');
}

interface RunnerInternals {
  loadedTables: Table[];
  cachedTablePaths: Record<string, string>;
  getTablePath(table: Table | string): string;
  transactionDepth: number;
  isTransactionActive: boolean;
}

export interface Interception {
  /** Puts the runner back as it was before `intercept`. */
  restore(): void;
}

/**
 * Makes `runner` record instead of execute, for the duration of one migration's `up`.
 * Both raw `queryRunner.query(…)` calls and TypeORM's schema-builder methods (which end
 * in `this.query`) pass through here, in the order `up` issues them. Reads still run,
 * inside a savepoint so that a failing one (a table this migration only pretends to
 * create) leaves the surrounding transaction usable.
 *
 * The runner helper's `--sql` recorder (src/engine/runner/sql-recorder.ts) works the same
 * way; this one also keeps the call order per query call and the settings reads.
 */
export function intercept(runner: QueryRunner, onCall: (call: RecordedCall) => void): Interception {
  const internals = runner as unknown as RunnerInternals;
  const original = runner.query;
  const originalCreateTable = runner.createTable;
  const saved = { depth: internals.transactionDepth, active: internals.isTransactionActive };
  const run = original as unknown as (this: QueryRunner, sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
  let reads = 0;

  runner.query = async function query(sql: string, parameters?: unknown[], structured?: boolean) {
    const read = isReadOnlyStatement(sql);
    if (!read || changesSettings(sql)) onCall({ sql, parameters });
    if (read) {
      // The savepoints are the toolkit's own; the read itself stays in the migration's scope.
      const savepoint = `db_manage_lint_read_${reads++}`;
      await asToolkit(() => run.call(runner, `SAVEPOINT ${savepoint}`));
      try {
        const result = await run.call(runner, sql, parameters, structured);
        await asToolkit(() => run.call(runner, `RELEASE SAVEPOINT ${savepoint}`));
        return result;
      } catch (err) {
        await asToolkit(() => run.call(runner, `ROLLBACK TO SAVEPOINT ${savepoint}`));
        throw err;
      }
    }
    return notRun(structured);
  } as QueryRunner['query'];

  // A table created by createTable() exists only in the recording; remember it so a later
  // addColumn() or createIndex() on it finds it instead of failing.
  runner.createTable = async function createTable(table: Table, ...rest: unknown[]) {
    await (originalCreateTable as (...args: unknown[]) => Promise<void>).call(runner, table, ...rest);
    const path = internals.getTablePath(table);
    internals.loadedTables.push(table.clone());
    internals.cachedTablePaths[table.name] = path;
  } as QueryRunner['createTable'];

  return {
    restore() {
      runner.query = original;
      runner.createTable = originalCreateTable;
      // startTransaction()/commitTransaction() calls in `up` were recorded, not run.
      internals.transactionDepth = saved.depth;
      internals.isTransactionActive = saved.active;
    },
  };
}
