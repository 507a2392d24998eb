import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { LintStatement } from '../../../src/engine/lint/lint-statement';
import { lintStatements } from '../../../src/engine/lint/lint-statements';
import { lintReport } from '../../../src/engine/lint/lint-report';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

before(loadSqlParser);

const stmt = (migration: string, index: number, sql: string, extra: Partial<LintStatement> = {}): LintStatement => ({ sql, migration, index, ...extra });

describe('lintStatements', () => {
  test('orders violations by run order, then registry order, with their location', () => {
    const result = lintStatements([
      stmt('A1', 0, 'CREATE TABLE t (id bigint)'),
      stmt('A1', 1, 'CREATE INDEX ON t (id)'),
      stmt('B2', 0, 'ALTER TABLE t ADD x bigint NOT NULL', { file: 'src/migrations/B2.ts', line: 7 }),
    ]);
    assert.deepEqual(
      result.violations.map((v) => [v.code, v.location]),
      [
        ['adding-required-field', { migration: 'B2', statement: 0, file: 'src/migrations/B2.ts', line: 7 }],
        ['requiring-lock-timeout', { migration: 'B2', statement: 0, file: 'src/migrations/B2.ts', line: 7 }],
      ],
    );
    assert.equal(result.statements, 3);
  });

  test('a table is new only within the migration that creates it', () => {
    const result = lintStatements([stmt('A1', 0, 'CREATE TABLE t (id bigint)'), stmt('B2', 0, `SET LOCAL lock_timeout = '5s'`), stmt('B2', 1, 'CREATE INDEX ON t (id)')]);
    assert.deepEqual(result.violations.map((v) => v.code), ['require-concurrent-index-creation']);
  });

  test('a statement with several SQL statements reports each at the same call', () => {
    const result = lintStatements([stmt('A1', 3, `SET LOCAL lock_timeout = '1s'; CREATE INDEX a ON t (x); CREATE INDEX b ON t (y)`)]);
    assert.deepEqual(result.violations.map((v) => [v.code, v.location.statement, v.sql]), [
      ['require-concurrent-index-creation', 3, 'CREATE INDEX a ON t (x)'],
      ['require-concurrent-index-creation', 3, 'CREATE INDEX b ON t (y)'],
    ]);
  });

  test('the report counts errors and warnings and is ok only without errors', () => {
    const warn = lintReport('pending', ['A1'], lintStatements([stmt('A1', 0, 'ALTER TABLE t RENAME TO u')]));
    assert.deepEqual([warn.errors, warn.warnings, warn.ok], [0, 2, true]);
    const fail = lintReport('pending', ['A1'], lintStatements([stmt('A1', 0, `SET LOCAL lock_timeout = '1s'; ALTER TABLE t ADD x bigint NOT NULL`)]));
    assert.deepEqual([fail.errors, fail.warnings, fail.ok], [1, 0, false]);
    const unrecorded = lintReport('pending', ['A1'], lintStatements([]), [{ migration: 'A1', message: 'boom' }]);
    assert.equal(unrecorded.ok, false);
  });
});
