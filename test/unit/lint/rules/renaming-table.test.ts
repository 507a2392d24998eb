import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/renaming-table';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'a table created in the migration', sql: ['CREATE TABLE tmp (a int)', 'ALTER TABLE tmp RENAME TO t'] },
    { name: 'renaming a column is another rule', sql: ['ALTER TABLE users RENAME COLUMN a TO b'] },
  ]);
  lintErrors(rule, [
    { name: 'RENAME TO', sql: ['ALTER TABLE "users" RENAME TO "accounts"'], message: /table users to "accounts"/ },
    { name: 'schema-qualified', sql: ['ALTER TABLE IF EXISTS analytics.page_views RENAME TO visits'], message: /analytics\.page_views/ },
  ]);
});
