import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { readIgnoreComments } from '../../../src/engine/lint/ignore-comments';
import { sqlFileStatements } from '../../../src/engine/lint/sql-file';
import { lintStatements } from '../../../src/engine/lint/lint-statements';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

before(loadSqlParser);

const SOURCE = `// db-manage-ignore requiring-lock-timeout
import { MigrationInterface, QueryRunner } from 'typeorm';
/* db-manage-ignore renaming-table */

export class A1732200000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // db-manage-ignore adding-required-field
    // because the table is always empty
    await queryRunner.query(
      \`ALTER TABLE users ADD x bigint NOT NULL\`,
    );
    await queryRunner.query(\`ALTER TABLE users RENAME a TO b\`); // db-manage-ignore renaming-column, setting-not-null
    await queryRunner.query(\`ALTER TABLE users RENAME c TO d\`);
  }
}
`;

describe('db-manage-ignore comments', () => {
  const ignores = readIgnoreComments(SOURCE);

  test('directives in the header apply to the whole file', () => {
    assert.deepEqual(ignores.file, ['requiring-lock-timeout', 'renaming-table']);
  });

  test('a directive in the comments right above a call applies to it', () => {
    assert.deepEqual(ignores.at(9), ['adding-required-field']);
  });

  test('a trailing directive applies to its own line, with several codes', () => {
    assert.deepEqual(ignores.at(12), ['renaming-column', 'setting-not-null']);
  });

  test('a directive does not leak past a line of code', () => {
    assert.deepEqual(ignores.at(13), []);
    assert.deepEqual(ignores.at(10), []);
  });

  test('a directive placed after the header is not file-wide', () => {
    const late = readIgnoreComments(`export class X {}\n// db-manage-ignore renaming-column\n`);
    assert.deepEqual(late.file, []);
  });
});

describe('.sql files', () => {
  const text = `-- db-manage-ignore requiring-lock-timeout
-- the whole file may take locks

ALTER TABLE users ADD COLUMN x bigint NOT NULL;
-- db-manage-ignore setting-not-null
ALTER TABLE users ALTER COLUMN y SET NOT NULL;
ALTER TABLE users
  ALTER COLUMN z SET NOT NULL;`;

  test('one statement per SQL statement, with its line and ignores', () => {
    const statements = sqlFileStatements(text, 'change', 'change.sql');
    assert.deepEqual(statements.map((s) => [s.index, s.line, s.ignore]), [
      [0, 4, ['requiring-lock-timeout']],
      [1, 6, ['requiring-lock-timeout', 'setting-not-null']],
      [2, 7, ['requiring-lock-timeout']],
    ]);
  });

  test('the ignores silence exactly their rule and are counted', () => {
    const result = lintStatements(sqlFileStatements(text, 'change'));
    assert.deepEqual(result.violations.map((v) => [v.code, v.location.line]), [['adding-required-field', 4], ['setting-not-null', 7]]);
    assert.equal(result.ignored, 2);
  });
});
