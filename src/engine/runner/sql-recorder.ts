import type { QueryRunner } from 'typeorm';
import { QueryResult } from 'typeorm/query-runner/QueryResult';
import { inlineParameters } from './sql-literal';

/** What `--sql` prints instead of running. */
export interface SqlRecorder {
  /** The statements recorded since the last call. */
  take(): string[];
  /** Puts the query runner back as it was. */
  restore(): void;
}

/** Sequence functions write even inside a SELECT (generated migrations continue a sequence with setval). */
const SEQUENCE_WRITE = /\b(setval|nextval)\s*\(/i;

/** Statements that only read: they still run, so TypeORM's schema methods can look tables up. */
export function isReadOnlyStatement(sql: string): boolean {
  const text = sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/|\()+/, '');
  return /^(select|with|show|values|table|explain)\b/i.test(text) && !SEQUENCE_WRITE.test(text);
}

/**
 * Intercepts every query of `runner`: reads run (on a read-only session, so a read with a
 * side effect fails instead of running), everything else is recorded, not executed. Both
 * raw `queryRunner.query(...)` calls and TypeORM's schema-builder methods pass through
 * `query`, so the recording keeps their exact order.
 */
export function recordWrites(runner: QueryRunner): SqlRecorder {
  const original = runner.query;
  const run = original as unknown as (this: QueryRunner, sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
  let recorded: string[] = [];
  runner.query = async function query(sql: string, parameters?: unknown[], structured?: boolean) {
    if (isReadOnlyStatement(sql)) return run.call(runner, sql, parameters, structured);
    recorded.push(inlineParameters(sql, parameters));
    if (!structured) return [];
    const result = new QueryResult();
    result.raw = [];
    result.records = [];
    result.affected = 0;
    return result;
  } as QueryRunner['query'];
  return {
    take() {
      const out = recorded;
      recorded = [];
      return out;
    },
    restore() {
      runner.query = original;
    },
  };
}
