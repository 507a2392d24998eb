import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/prefer-timestamptz';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'timestamptz', sql: ['CREATE TABLE t (a timestamptz, b timestamp(3) with time zone)', 'ALTER TABLE t ADD COLUMN c timestamp with time zone'] },
    { name: 'date and time are other types', sql: ['CREATE TABLE t (d date, t time)'] },
    { name: 'generated from the entities', sql: ['CREATE TABLE "t" ("at" TIMESTAMP NOT NULL DEFAULT now())'], statement: { generated: true } },
    { name: 'rendered from a typed operation', sql: ['ALTER TABLE "t" ADD "at" timestamp'], statement: { operation: 'add-column' } },
  ]);
  lintErrors(rule, [
    { name: 'CREATE TABLE', sql: ['CREATE TABLE events (id bigint, at timestamp NOT NULL)'], message: /column events\."at" is timestamp without time zone, which records no time zone/ },
    { name: 'ADD COLUMN with a precision', sql: ['ALTER TABLE app.events ADD COLUMN "seen" timestamp(3)'], message: /column app\.events\."seen" is timestamp\(3\) without time zone/ },
    { name: 'an array, spelled out', sql: ['ALTER TABLE events ADD COLUMN times timestamp without time zone[]'], message: /is timestamp without time zone\[\]/ },
    { name: 'ALTER COLUMN TYPE', sql: ['ALTER TABLE events ALTER COLUMN at TYPE timestamp'], message: /changes to timestamp without time zone/ },
  ]);
});
