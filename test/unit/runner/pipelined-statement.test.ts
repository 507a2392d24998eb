import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canPipeline, startsSavepoints } from '../../../src/engine/runner/pipelined-statement';
import { rng } from '../../fuzz/prng';
import { hostileName } from '../../support/hostile-names';

describe('which statements are pipelined', () => {
  test('one DDL or SET statement, without parameters or a structured result', () => {
    for (const sql of [
      'CREATE TABLE "a" ("id" integer)',
      '  alter table "a" add "b" text;',
      'DROP INDEX "public"."IDX_1"',
      `COMMENT ON COLUMN "a"."b" IS 'it''s'`,
      `SET LOCAL lock_timeout = '5s'`,
      'CREATE TABLE "a" ("id" integer);  \n',
    ]) {
      assert.equal(canPipeline(sql, undefined, false), true, sql);
      assert.equal(canPipeline(sql, [], undefined), true, sql);
    }
  });

  test('anything whose answer TypeORM returns differently waits for it', () => {
    const cases: [unknown, unknown[] | undefined, boolean][] = [
      ['SELECT 1', undefined, false],
      ['INSERT INTO "a" VALUES (1)', undefined, false],
      ['UPDATE "a" SET "b" = 1', undefined, false],
      ['WITH x AS (SELECT 1) SELECT * FROM x', undefined, false],
      ['CREATE TABLE "a" ("id" integer)', [1], false],
      ['CREATE TABLE "a" ("id" integer)', undefined, true],
      // Several statements in one string: pg returns an array of results.
      ['CREATE TABLE "a" (); CREATE TABLE "b" ()', undefined, false],
      // A `;` inside quotes is not looked into: waiting is always safe.
      [`COMMENT ON TABLE "a" IS 'x;y'`, undefined, false],
      ['CREATE TABLE "a;b" ()', undefined, false],
      // A leading comment, or a statement word that only begins like one.
      ['-- note\nCREATE TABLE "a" ()', undefined, false],
      ['CREATED', undefined, false],
      ['SETVAL', undefined, false],
      ['', undefined, false],
      [{ text: 'CREATE TABLE "a" ()' }, undefined, false],
    ];
    for (const [sql, parameters, structured] of cases) assert.equal(canPipeline(sql, parameters, structured), false, String(sql));
  });

  test('a hostile name is pipelined only when it holds no `;`', () => {
    const random = rng(17);
    for (let i = 0; i < 500; i++) {
      const name = hostileName(() => random.next());
      const sql = `CREATE TABLE "${name.replace(/"/g, '""')}" ("id" integer)`;
      assert.equal(canPipeline(sql, undefined, false), !name.includes(';'), sql);
    }
  });

  test('savepoints, however written, switch pipelining off', () => {
    for (const sql of ['SAVEPOINT typeorm_1', 'savepoint "x"', 'RELEASE SAVEPOINT a', 'ROLLBACK TO SAVEPOINT a', 'BEGIN; SAVEPOINT a']) {
      assert.equal(startsSavepoints(sql), true, sql);
    }
    for (const sql of ['SELECT 1', 'CREATE TABLE "savepoints" ()', undefined]) assert.equal(startsSavepoints(sql), false, String(sql));
  });
});
