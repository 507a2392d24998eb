import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintStatements } from '../../../../src/engine/lint/lint-statements';
import { rule } from '../../../../src/engine/lint/rules/prefer-robust-stmts';
import { lintErrors, lintOk, statementsOf } from '../rule-cases';

const OUTSIDE = { inTransaction: false } as const;

/** The fix the rule proposes for a one-statement migration run outside a transaction. */
function fixOf(sql: string): string | undefined {
  const { violations } = lintStatements(statementsOf({ name: sql, sql: [sql], statement: OUTSIDE }), {}, [rule]);
  assert.equal(violations.length, 1, JSON.stringify(violations));
  return violations[0].fix;
}

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'in a transaction: rolled back whole', sql: ['CREATE TABLE t (a int)', 'DROP INDEX i'], statement: { inTransaction: true } },
    { name: 'unknown transaction mode: skipped', sql: ['DROP TABLE t'] },
    {
      name: 'robust forms',
      sql: [
        'CREATE TABLE IF NOT EXISTS t (a int)',
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)',
        'ALTER TABLE t ADD COLUMN IF NOT EXISTS b int, DROP COLUMN IF EXISTS c',
        'DROP INDEX CONCURRENTLY IF EXISTS j',
        'DROP TABLE IF EXISTS u',
      ],
      statement: OUTSIDE,
    },
    {
      name: "migrate's drop-then-create index",
      sql: ['DROP INDEX CONCURRENTLY IF EXISTS "public"."IDX_title"', 'CREATE INDEX CONCURRENTLY "IDX_title" ON "public"."posts" ("title")'],
      statement: { ...OUTSIDE, generated: true },
    },
    { name: 'a temporary table', sql: ['CREATE TEMP TABLE scratch (a int)'], statement: OUTSIDE },
  ]);
  lintErrors(rule, [
    { name: 'CREATE TABLE', sql: ['CREATE TABLE "app"."tags" ("id" int)'], statement: OUTSIDE, message: /CREATE TABLE app\.tags without IF NOT EXISTS: Example\d+ runs outside a transaction/ },
    { name: 'CREATE INDEX, generated too', sql: ['CREATE INDEX CONCURRENTLY "IDX_t" ON "posts" ("t")'], statement: { ...OUTSIDE, generated: true }, message: /CREATE INDEX "IDX_t" without IF NOT EXISTS/ },
    { name: 'an index dropped under another name', sql: ['DROP INDEX IF EXISTS other', 'CREATE INDEX i ON t (a)'], statement: OUTSIDE, message: /CREATE INDEX "i"/ },
    { name: 'unnamed CREATE INDEX', sql: ['CREATE INDEX ON posts (t)'], statement: OUTSIDE, message: /unnamed CREATE INDEX on posts: .* duplicate index/ },
    { name: 'DROP TABLE', sql: ['DROP TABLE a, b'], statement: OUTSIDE, message: /DROP TABLE a, b without IF EXISTS/ },
    { name: 'DROP INDEX', sql: ['DROP INDEX CONCURRENTLY "IDX_t"'], statement: OUTSIDE, message: /DROP INDEX without IF EXISTS/ },
    {
      name: 'ADD and DROP COLUMN in one statement',
      sql: ['ALTER TABLE users ADD COLUMN b int, DROP COLUMN c'],
      statement: OUTSIDE,
      count: 2,
      message: /(ADD COLUMN "b" to users without IF NOT EXISTS|DROP COLUMN "c" of users without IF EXISTS)/,
    },
  ]);

  test('fix: IF NOT EXISTS / IF EXISTS inserted where PostgreSQL expects it', () => {
    assert.equal(fixOf('CREATE TABLE "app"."tags" ("id" int)'), 'CREATE TABLE IF NOT EXISTS "app"."tags" ("id" int)');
    assert.equal(fixOf('create unlogged table t (a int)'), 'create unlogged table IF NOT EXISTS t (a int)');
    assert.equal(fixOf('CREATE UNIQUE INDEX CONCURRENTLY "IDX_t" ON "posts" ("t")'), 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "IDX_t" ON "posts" ("t")');
    assert.equal(fixOf('DROP TABLE a, b CASCADE'), 'DROP TABLE IF EXISTS a, b CASCADE');
    assert.equal(fixOf('DROP INDEX CONCURRENTLY "public"."IDX_t"'), 'DROP INDEX CONCURRENTLY IF EXISTS "public"."IDX_t"');
    assert.equal(fixOf('ALTER TABLE "public"."users" ADD "b" int'), 'ALTER TABLE "public"."users" ADD IF NOT EXISTS "b" int');
    assert.equal(fixOf('ALTER TABLE ONLY "we ""x"" ird".users\n  ADD COLUMN b int NOT NULL DEFAULT 0'), 'ALTER TABLE ONLY "we ""x"" ird".users\n  ADD COLUMN IF NOT EXISTS b int NOT NULL DEFAULT 0');
    assert.equal(fixOf('ALTER TABLE IF EXISTS users DROP COLUMN "c" CASCADE'), 'ALTER TABLE IF EXISTS users DROP COLUMN IF EXISTS "c" CASCADE');
    // Read with PostgreSQL's scanner: comments between keywords, a table named like a keyword.
    assert.equal(fixOf('CREATE /* new */ TABLE t (a int)'), 'CREATE /* new */ TABLE IF NOT EXISTS t (a int)');
    assert.equal(fixOf('ALTER TABLE add -- the add table\n ADD COLUMN b int'), 'ALTER TABLE add -- the add table\n ADD COLUMN IF NOT EXISTS b int');
    assert.equal(fixOf('ALTER TABLE "é"."ü" DROP "c"'), 'ALTER TABLE "é"."ü" DROP IF EXISTS "c"');
  });

  test('no fix where it is not certain', () => {
    assert.equal(fixOf('CREATE INDEX ON posts (t)'), undefined);
    const { violations } = lintStatements(statementsOf({ name: 'two actions', sql: ['ALTER TABLE users ADD COLUMN b int, DROP COLUMN c'], statement: OUTSIDE }), {}, [rule]);
    assert.deepEqual(violations.map((v) => v.fix), [undefined, undefined]);
  });
});
