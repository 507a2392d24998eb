import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/prefer-text-field';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'text with a CHECK', sql: ['CREATE TABLE t (name text CHECK (char_length(name) <= 100))', 'ALTER TABLE t ADD COLUMN bio text'] },
    { name: 'varchar without a length is text', sql: ['ALTER TABLE t ADD COLUMN bio varchar', 'ALTER TABLE t ALTER COLUMN bio TYPE character varying'] },
    { name: 'generated from the entities', sql: ['CREATE TABLE "t" ("name" character varying(100) NOT NULL)'], statement: { generated: true } },
    { name: 'rendered from a typed operation', sql: ['ALTER TABLE "t" ADD "name" character varying(100)'], statement: { operation: 'add-column' } },
  ]);
  lintErrors(rule, [
    { name: 'CREATE TABLE', sql: ['CREATE TABLE users (id bigint, name varchar(100), code char(2))'], message: /column users\."name" is character varying\(100\), whose length can only change/ },
    { name: 'ADD COLUMN', sql: ['ALTER TABLE app.users ADD COLUMN "email" character varying(255) NOT NULL'], message: /column app\.users\."email" is character varying\(255\)/ },
    { name: 'an array', sql: ['ALTER TABLE users ADD COLUMN tags varchar(20)[]'], message: /is character varying\(20\)\[\]/ },
    { name: 'ALTER COLUMN TYPE', sql: ['ALTER TABLE users ALTER COLUMN name TYPE varchar(200)'], message: /changes to character varying\(200\)/ },
  ]);
});
