import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/adding-check-constraint';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'NOT VALID', sql: ['ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age >= 0) NOT VALID'] },
    { name: 'new table', sql: ['CREATE TABLE t (age int)', 'ALTER TABLE t ADD CONSTRAINT age_ok CHECK (age >= 0)'] },
    { name: 'a foreign key is not a check', sql: ['ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id) NOT VALID'] },
  ]);
  lintErrors(rule, [
    { name: 'validated at once', sql: ['ALTER TABLE users ADD CONSTRAINT "age_ok" CHECK ("age" >= 0)'], message: /CHECK constraint "age_ok" on existing table users/ },
    { name: 'inline check on a new column', sql: ['ALTER TABLE users ADD COLUMN age int CHECK (age >= 0)'] },
    {
      name: 'VALIDATE in the same transaction',
      sql: ['ALTER TABLE users ADD CONSTRAINT nn CHECK (phone IS NOT NULL) NOT VALID', 'ALTER TABLE users VALIDATE CONSTRAINT nn'],
      statement: { inTransaction: true },
      message: /runs in the transaction that added it/,
    },
  ]);
});
