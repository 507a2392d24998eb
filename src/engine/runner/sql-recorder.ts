import type { QueryRunner } from 'typeorm';
import { QueryResult } from 'typeorm/query-runner/QueryResult';
import { asMigration, type StrayWrite } from './query-scope';
import { isReadOnlyStatement } from './read-only-statement';
import { inlineParameters } from './sql-literal';

export { isReadOnlyStatement };

/** What `--sql` prints instead of running. */
export interface SqlRecorder {
  /** The statements recorded since the last call. */
  take(): string[];
  /**
   * Runs a migration's `up` or `down`: what it sends past the runner (through
   * `queryRunner.connection`, a repository, a new query runner) is recorded too.
   */
  during<T>(fn: () => Promise<T>): Promise<T>;
  /** Puts the query runner back as it was. */
  restore(): void;
}

/** Marks a statement a real run would send on another connection, outside the migration's transaction. */
export const OTHER_CONNECTION_NOTE = '-- db-manage: sent on another connection, outside this migration\'s transaction';

/** The pg client a TypeORM query runner holds, once connected. */
export function clientOf(runner: QueryRunner): unknown {
  return (runner as unknown as { databaseConnection?: unknown }).databaseConnection;
}

/** What a recorded (not sent) statement returns: no rows, in the shape the caller asked for. */
export function notRun(structured: boolean | undefined): QueryResult | never[] {
  if (!structured) return [];
  const result = new QueryResult();
  result.raw = [];
  result.records = [];
  result.affected = 0;
  return result;
}

/**
 * Intercepts every query of `runner`: reads run (on a read-only session, so a read with a
 * side effect fails instead of running), everything else is recorded, not executed. Both
 * raw `queryRunner.query(...)` calls and TypeORM's schema-builder methods pass through
 * `query`, so the recording keeps their exact order. Run on a dry-run DataSource
 * (dry-run-data-source.ts) so the other handles are recorded as well.
 */
export function recordWrites(runner: QueryRunner): SqlRecorder {
  const original = runner.query;
  const run = original as unknown as (this: QueryRunner, sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
  let recorded: string[] = [];
  runner.query = async function query(sql: string, parameters?: unknown[], structured?: boolean) {
    if (isReadOnlyStatement(sql)) return run.call(runner, sql, parameters, structured);
    recorded.push(inlineParameters(sql, parameters));
    return notRun(structured);
  } as QueryRunner['query'];
  const stray = (write: StrayWrite) => {
    const sql = inlineParameters(write.sql, write.parameters as unknown[] | undefined);
    recorded.push(write.client === clientOf(runner) ? sql : `${OTHER_CONNECTION_NOTE}\n${sql}`);
  };
  return {
    take() {
      const out = recorded;
      recorded = [];
      return out;
    },
    during: (fn) => asMigration(stray, fn),
    restore() {
      runner.query = original;
    },
  };
}
