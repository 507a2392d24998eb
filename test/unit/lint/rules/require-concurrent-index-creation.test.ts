import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/require-concurrent-index-creation';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'concurrently', sql: ['CREATE INDEX CONCURRENTLY "IDX_title" ON "posts" ("title")'] },
    { name: 'a table created earlier in the migration', sql: ['CREATE TABLE "tags" ("id" int)', 'CREATE INDEX "IDX_tag" ON "tags" ("id")'] },
    { name: 'schema-qualified new table', sql: ['CREATE TABLE analytics.events (id int)', 'CREATE UNIQUE INDEX ON "analytics"."events" (id)'] },
    { name: 'typed context says the table is new', sql: ['CREATE INDEX "IDX_x" ON "posts" ("x")'], statement: { newTable: true } },
  ]);
  lintErrors(rule, [
    { name: 'plain index on an existing table', sql: ['CREATE INDEX "IDX_title" ON "posts" ("title")'], message: /"IDX_title" on existing table posts/ },
    { name: 'unique, lower case, with comments', sql: ['/* hot table */ create unique index if not exists idx on public.users using btree (email) -- why'] },
    { name: 'same name in another schema is still existing', sql: ['CREATE TABLE analytics.posts (id int)', 'CREATE INDEX ON posts (id)'] },
  ]);
});
