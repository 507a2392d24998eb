import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';
import { withoutSchema } from '../../../src/engine/sql/without-schema';

before(() => loadSqlParser());

test('withoutSchema takes one schema off names and regclass literals, and nothing else', () => {
  const cases: [string, string][] = [
    ['CREATE TABLE "public"."users" ("id" serial NOT NULL)', 'CREATE TABLE "users" ("id" serial NOT NULL)'],
    [`ALTER TABLE "public"."posts" ADD CONSTRAINT "FK" FOREIGN KEY ("a") REFERENCES "analytics"."x" ("id")`, `ALTER TABLE "posts" ADD CONSTRAINT "FK" FOREIGN KEY ("a") REFERENCES "analytics"."x" ("id")`],
    [`"role" "public"."users_role_enum"[] DEFAULT '{a}'::"public"."users_role_enum"[]`, `"role" "users_role_enum"[] DEFAULT '{a}'::"users_role_enum"[]`],
    [`SELECT setval(pg_get_serial_sequence('"public"."t"', 'id'), 1)`, `SELECT setval(pg_get_serial_sequence('"t"', 'id'), 1)`],
    [`DEFAULT nextval('"public"."t_id_seq"'::regclass)`, `DEFAULT nextval('"t_id_seq"'::regclass)`],
    // Text that only looks like the schema: a literal, a column called public, a quote in a name.
    [`COMMENT ON TABLE "public"."t" IS '"public"."t" is kept'`, `COMMENT ON TABLE "t" IS '"public"."t" is kept'`],
    [`SELECT "t"."public", "it's"."public" FROM "public"."t"`, `SELECT "t"."public", "it's"."public" FROM "t"`],
    [`INSERT INTO x VALUES (E'a\\'"public".', 'public')`, `INSERT INTO x VALUES (E'a\\'"public".', 'public')`],
  ];
  for (const [sql, want] of cases) assert.equal(withoutSchema(sql, 'public'), want, sql);
  assert.equal(withoutSchema('CREATE TABLE "Tenant ""A"""."t" ()', 'Tenant "A"'), 'CREATE TABLE "t" ()');
});

test('withoutSchema reads the statement as PostgreSQL does: comments, dollar quotes, multibyte names', () => {
  assert.equal(withoutSchema('CREATE TABLE "public"."é" () -- "public"."x"', 'public'), 'CREATE TABLE "é" () -- "public"."x"');
  assert.equal(withoutSchema(`SELECT $$"public"."t"$$, "ü"."public"."t"`, 'public'), `SELECT $$"public"."t"$$, "ü"."public"."t"`);
  assert.equal(withoutSchema(`SELECT 'é', '"public"."s"'::regclass`, 'public'), `SELECT 'é', '"s"'::regclass`);
});
