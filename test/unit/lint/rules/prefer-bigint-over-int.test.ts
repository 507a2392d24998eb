import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/prefer-bigint-over-int';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'bigint and bigserial', sql: ['CREATE TABLE users (id bigserial PRIMARY KEY, n bigint)', 'ALTER TABLE users ADD COLUMN m int8'] },
    { name: 'smallint is another rule', sql: ['ALTER TABLE users ADD COLUMN flags smallint'] },
    { name: 'generated from the entities', sql: ['CREATE TABLE "users" ("id" SERIAL NOT NULL, "age" integer)'], statement: { generated: true } },
    { name: 'rendered from a typed operation', sql: ['ALTER TABLE "users" ADD "age" integer'], statement: { operation: 'add-column' } },
    { name: 'a type named like it in another schema', sql: ['ALTER TABLE users ADD COLUMN a app.int4'] },
  ]);
  lintErrors(rule, [
    { name: 'CREATE TABLE', sql: ['CREATE TABLE users (id serial PRIMARY KEY, age int, name text)'], count: 2, message: /column users\."(id" is serial|age" is integer), which overflows past 2,147,483,647/ },
    { name: 'ADD COLUMN', sql: ['ALTER TABLE app.users ADD COLUMN "visits" int4 NOT NULL DEFAULT 0'], message: /column app\.users\."visits" is integer/ },
    { name: 'an array', sql: ['ALTER TABLE users ADD COLUMN ids integer[]'], message: /is integer\[\]/ },
    { name: 'ALTER COLUMN TYPE', sql: ['ALTER TABLE users ALTER COLUMN n TYPE integer'], message: /column users\."n" changes to integer/ },
    { name: 'serial4', sql: ['CREATE TABLE t (id serial4)'], message: /is serial4/ },
  ]);
});
