import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/prefer-bigint-over-smallint';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'bigint and integer', sql: ['CREATE TABLE t (a bigint, b integer)', 'ALTER TABLE t ADD COLUMN c int'] },
    { name: 'generated from the entities', sql: ['CREATE TABLE "t" ("rank" smallint NOT NULL)'], statement: { generated: true } },
    { name: 'rendered from a typed operation', sql: ['ALTER TABLE "t" ADD "rank" smallint'], statement: { operation: 'add-column' } },
  ]);
  lintErrors(rule, [
    { name: 'CREATE TABLE', sql: ['CREATE TABLE t (id smallserial PRIMARY KEY, rank int2)'], count: 2, message: /column t\."(id" is smallserial|rank" is smallint), which overflows past 32,767/ },
    { name: 'ADD COLUMN', sql: ['ALTER TABLE app.t ADD COLUMN "rank" smallint NOT NULL DEFAULT 0'], message: /column app\.t\."rank" is smallint/ },
    { name: 'ALTER COLUMN TYPE', sql: ['ALTER TABLE t ALTER COLUMN rank TYPE smallint'], message: /changes to smallint/ },
    { name: 'serial2 and an array', sql: ['CREATE TABLE t (id serial2, ranks smallint[])'], count: 2 },
  ]);
});
