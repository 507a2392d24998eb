import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/ban-create-domain-with-constraint';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'a domain without constraints', sql: ['CREATE DOMAIN email AS text'] },
    { name: 'NOT NULL and a default are not CHECKs', sql: ['CREATE DOMAIN positive AS int NOT NULL DEFAULT 1'] },
    { name: 'a CHECK on a table column', sql: ['CREATE TABLE t (a int CHECK (a > 0))'] },
  ]);
  lintErrors(rule, [
    { name: 'CHECK', sql: ['CREATE DOMAIN positive AS int CHECK (VALUE > 0)'], message: /domain "positive" is created with a CHECK constraint/ },
    { name: 'two named CHECKs, schema-qualified', sql: ['CREATE DOMAIN app.code AS text CONSTRAINT len CHECK (length(VALUE) = 3) CONSTRAINT up CHECK (VALUE = upper(VALUE))'], message: /"app\.code" is created with 2 CHECK constraints/ },
    { name: 'generated statements too', sql: ['CREATE DOMAIN pct AS numeric CHECK (VALUE BETWEEN 0 AND 100)'], statement: { generated: true } },
  ]);
});
