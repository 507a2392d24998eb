import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/adding-serial-primary-key-field';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'a table created in the migration', sql: ['CREATE TABLE t (a int)', 'ALTER TABLE t ADD COLUMN id serial PRIMARY KEY'] },
    { name: 'a column without PRIMARY KEY', sql: ['ALTER TABLE users ADD COLUMN n int'] },
    { name: 'ADD PRIMARY KEY as a constraint is left to adding-unique-constraint', sql: ['ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id)'] },
    { name: 'PRIMARY KEY USING INDEX', sql: ['ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx'] },
  ]);
  lintErrors(rule, [
    { name: 'serial', sql: ['ALTER TABLE "users" ADD COLUMN "id" serial PRIMARY KEY'], message: /PRIMARY KEY column "id" to existing table users writes a value into every row/ },
    { name: 'identity, generated statements too', sql: ['ALTER TABLE app.events ADD id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY'], statement: { generated: true }, message: /app\.events .* ACCESS EXCLUSIVE/ },
    { name: 'no default', sql: ['ALTER TABLE users ADD COLUMN code int PRIMARY KEY'], message: /fails as soon as the table has a row/ },
    { name: 'a constant default', sql: ['ALTER TABLE users ADD COLUMN code int DEFAULT 0 PRIMARY KEY'], message: /fails as soon as the table has two rows/ },
  ]);
});
