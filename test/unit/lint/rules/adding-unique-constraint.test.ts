import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/adding-unique-constraint';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'USING INDEX built concurrently', sql: ['ALTER TABLE users ADD CONSTRAINT "UQ_email" UNIQUE USING INDEX "IDX_email"'] },
    { name: 'new table', sql: ['CREATE TABLE t (a int)', 'ALTER TABLE t ADD CONSTRAINT u UNIQUE (a)'] },
    { name: 'plain column', sql: ['ALTER TABLE users ADD COLUMN nick varchar(20)'] },
  ]);
  lintErrors(rule, [
    { name: 'TypeORM unique constraint', sql: ['ALTER TABLE "users" ADD CONSTRAINT "UQ_abc" UNIQUE ("handle")'], message: /UNIQUE constraint "UQ_abc"/ },
    { name: 'primary key', sql: ['ALTER TABLE legacy ADD PRIMARY KEY (id)'], message: /PRIMARY KEY/ },
    { name: 'inline UNIQUE on a new column', sql: ['ALTER TABLE users ADD COLUMN handle varchar(40) UNIQUE'] },
  ]);
});
