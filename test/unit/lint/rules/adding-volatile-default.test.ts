import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/adding-volatile-default';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'now() is stable: stored once, no rewrite', sql: ['ALTER TABLE users ADD COLUMN seen_at timestamptz NOT NULL DEFAULT now()'] },
    { name: 'constant default', sql: [`ALTER TABLE users ADD COLUMN tags text[] NOT NULL DEFAULT '{}'`] },
    { name: 'SET DEFAULT only affects new rows', sql: ['ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid()'] },
    { name: 'new table', sql: ['CREATE TABLE t (a int)', 'ALTER TABLE t ADD COLUMN id uuid DEFAULT gen_random_uuid()'] },
  ]);
  lintErrors(rule, [
    { name: 'gen_random_uuid()', sql: ['ALTER TABLE "users" ADD "token" uuid NOT NULL DEFAULT gen_random_uuid()'], message: /gen_random_uuid\(\), which is volatile/ },
    { name: 'schema-qualified uuid_generate_v4()', sql: ['ALTER TABLE users ADD COLUMN t uuid DEFAULT public.uuid_generate_v4()'] },
    { name: 'clock_timestamp()', sql: ['ALTER TABLE users ADD COLUMN t timestamptz DEFAULT clock_timestamp()'] },
    { name: 'bigserial', sql: ['ALTER TABLE users ADD COLUMN seq bigserial'], message: /nextval/ },
    { name: 'identity', sql: ['ALTER TABLE users ADD COLUMN n int GENERATED ALWAYS AS IDENTITY'], message: /identity/ },
    { name: 'stored generated column', sql: ['ALTER TABLE users ADD COLUMN lname text GENERATED ALWAYS AS (lower(name)) STORED'] },
  ]);
});
