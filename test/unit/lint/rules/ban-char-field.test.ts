import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/ban-char-field';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'text and varchar', sql: ['CREATE TABLE t (a text, b varchar(2))', 'ALTER TABLE t ADD COLUMN c character varying'] },
    { name: 'generated from the entities', sql: ['CREATE TABLE "t" ("code" character(2) NOT NULL)'], statement: { generated: true } },
    { name: 'rendered from a typed operation', sql: ['ALTER TABLE "t" ADD "code" char(2)'], statement: { operation: 'add-column' } },
  ]);
  lintErrors(rule, [
    { name: 'CREATE TABLE', sql: ['CREATE TABLE countries (code char(2) PRIMARY KEY, name text)'], message: /column countries\."code" is character\(2\), which pads values with blanks/ },
    { name: 'ADD COLUMN, char without a length', sql: ['ALTER TABLE app.users ADD COLUMN "flag" char'], message: /column app\.users\."flag" is character\(1\)/ },
    { name: 'bpchar and an array', sql: ['CREATE TABLE t (a bpchar(3), b character(4)[])'], count: 2 },
    { name: 'ALTER COLUMN TYPE', sql: ['ALTER TABLE users ALTER COLUMN code TYPE character(3)'], message: /changes to character\(3\)/ },
  ]);
});
