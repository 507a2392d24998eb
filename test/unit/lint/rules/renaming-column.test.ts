import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/renaming-column';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'new table', sql: ['CREATE TABLE t (a int)', 'ALTER TABLE t RENAME COLUMN a TO b'] },
    { name: 'renaming a constraint', sql: ['ALTER TABLE users RENAME CONSTRAINT a TO b'] },
  ]);
  lintErrors(rule, [
    { name: 'RENAME COLUMN', sql: ['ALTER TABLE "users" RENAME COLUMN "username" TO "handle"'], message: /users\."username" to "handle"/ },
    {
      name: 'the entities still map the old name',
      sql: ['ALTER TABLE users RENAME username TO handle'],
      context: { entityColumns: new Map([['public\u0000users', new Set(['username'])]]) },
      message: /the entities still map "username" too/,
    },
  ]);
});
