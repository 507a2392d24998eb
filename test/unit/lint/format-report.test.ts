import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { colors } from '../../../src/cli/output/colors';
import { formatLintReport } from '../../../src/cli/output/lint-report';
import { lintReport } from '../../../src/engine/lint/lint-report';
import { lintStatements } from '../../../src/engine/lint/lint-statements';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

before(loadSqlParser);

describe('the human lint report', () => {
  test('one block per violation with location, SQL, help and docs, then a summary', () => {
    const result = lintStatements([
      { sql: `SET LOCAL lock_timeout = '5s'`, migration: 'AddX1732200000000', index: 0 },
      { sql: 'ALTER TABLE users ADD COLUMN x bigint NOT NULL', migration: 'AddX1732200000000', index: 1, file: 'src/migrations/1732200000000-AddX.ts', line: 9 },
    ]);
    const lines = formatLintReport(lintReport('pending', ['AddX1732200000000'], result), colors(false));
    assert.deepEqual(lines.slice(0, 5), [
      'error[adding-required-field] adding NOT NULL column "x" without a default to existing table users fails as soon as the table has a row',
      '  --> src/migrations/1732200000000-AddX.ts:9 (AddX1732200000000, statement 2)',
      '  |  ALTER TABLE users ADD COLUMN x bigint NOT NULL',
      `  help: ${result.violations[0].help}`,
      '  docs: docs/rules/adding-required-field.md',
    ]);
    assert.equal(lines[lines.length - 1], '✖ Linted 1 migration (2 statements): 1 error, 0 warnings');
  });

  test('nothing pending', () => {
    assert.deepEqual(formatLintReport(lintReport('pending', [], lintStatements([])), colors(false)), ['No pending migrations to lint.']);
  });
});
