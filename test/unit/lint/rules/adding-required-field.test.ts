import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/adding-required-field';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'nullable column', sql: ['ALTER TABLE users ADD COLUMN x int'] },
    { name: 'NOT NULL with a constant default', sql: [`ALTER TABLE "users" ADD "x" integer NOT NULL DEFAULT 0`] },
    { name: 'default before NOT NULL', sql: [`ALTER TABLE users ADD COLUMN status varchar(20) DEFAULT 'new' NOT NULL`] },
    { name: 'serial has an implicit default', sql: ['ALTER TABLE users ADD COLUMN n serial NOT NULL'] },
    { name: 'table created in the migration', sql: ['CREATE TABLE t (id int)', 'ALTER TABLE t ADD COLUMN x bigint NOT NULL'] },
  ]);
  lintErrors(rule, [
    { name: 'the done-when case', sql: ['ALTER TABLE users ADD COLUMN x bigint NOT NULL'], message: /NOT NULL column "x" without a default to existing table users/ },
    { name: 'DEFAULT NULL is no default', sql: ['ALTER TABLE users ADD x int DEFAULT NULL NOT NULL'] },
    { name: 'second sub-command of one ALTER', sql: ['ALTER TABLE "users" ADD "a" int, ADD "Phone" varchar(20) NOT NULL'], message: /"Phone"/ },
    { name: 'two statements in one call', sql: ['ALTER TABLE a ADD x bigint NOT NULL; ALTER TABLE b ADD y int NOT NULL'], count: 2 },
  ]);
});
