import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { migrationLockKey, LOCK_NAMESPACE } from '../../../src/engine/runner/migration-lock';
import { inlineParameters, sqlLiteral } from '../../../src/engine/runner/sql-literal';
import { parsedAsReads } from '../../../src/engine/runner/read-only-statement';
import { isReadOnlyStatement } from '../../../src/engine/runner/sql-recorder';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';
import { rng } from '../../fuzz/prng';
import { hostileName } from '../../support/hostile-names';
import { ROOT } from '../../support/run-cli';

before(loadSqlParser);

test('parameters become literals, each substituted once', () => {
  assert.equal(
    inlineParameters('INSERT INTO "t" ("a", "b", "c") VALUES ($1, $2, $10)', ['it\'s', null, 1, 2, 3, 4, 5, 6, 7, true]),
    `INSERT INTO "t" ("a", "b", "c") VALUES ('it''s', NULL, TRUE)`,
  );
  assert.equal(inlineParameters('SELECT $1, $2', ['$2', 5]), `SELECT '$2', 5`);
  assert.equal(inlineParameters('SELECT $1', []), 'SELECT $1');
  assert.equal(inlineParameters('SELECT $3', [1]), 'SELECT $3');
});

test('literals follow what the pg driver sends', () => {
  // A backslash makes an E'…' literal, the same text under either standard_conforming_strings.
  assert.equal(sqlLiteral(['a', 'b"c']), `E'{"a","b\\\\"c"}'`);
  assert.equal(sqlLiteral({ k: "v'" }), `'{"k":"v''"}'`);
  assert.equal(sqlLiteral(Buffer.from([1, 255])), `E'\\\\x01ff'::bytea`);
  assert.equal(sqlLiteral(12n), '12');
  assert.equal(sqlLiteral(undefined), 'NULL');
});

test('reads run under --sql; everything else is recorded', () => {
  for (const sql of ['SELECT 1', '  select * from t', '(SELECT 1)', 'WITH x AS (SELECT 1) SELECT * FROM x', 'SHOW search_path', '-- note\nSELECT 1', '/* c */ VALUES (1)']) {
    assert.ok(isReadOnlyStatement(sql), sql);
  }
  for (const sql of ['CREATE TABLE t (a int)', 'INSERT INTO t VALUES (1)', 'START TRANSACTION', 'COMMIT', 'selectivity', 'UPDATE t SET a = 1', "SELECT setval('s', 1)", "SELECT nextval('s')"]) {
    assert.ok(!isReadOnlyStatement(sql), sql);
  }
});

test('the lock key is stable, namespaced, and differs per history table', () => {
  const [ns, key] = migrationLockKey('"public"."migrations"');
  assert.equal(ns, LOCK_NAMESPACE);
  assert.deepEqual(migrationLockKey('"public"."migrations"'), [ns, key]);
  assert.notDeepEqual(migrationLockKey('"app"."migrations"'), [ns, key]);
  assert.ok(Number.isInteger(key) && key >= -2147483648 && key <= 2147483647);
  assert.ok(LOCK_NAMESPACE <= 2147483647);
});

test('a read is every statement of the string; words inside strings, names and comments never count', () => {
  for (const sql of ["SELECT 'INSERT INTO t' AS x", 'SELECT "update" FROM t', 'SELECT 1; SELECT 2', '-- delete\nSELECT 1', 'EXPLAIN SELECT 1']) {
    assert.ok(isReadOnlyStatement(sql), sql);
  }
  for (const sql of [
    'SELECT 1; DELETE FROM t',
    'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d',
    'SELECT * INTO t2 FROM t',
    'SELECT * FROM t FOR UPDATE',
    'SELECT * FROM t FOR SHARE',
    'EXPLAIN ANALYZE UPDATE t SET a = 1',
    "SELECT dblink_exec('host=x', 'DELETE FROM t')",
    'SELECT pg_terminate_backend(1)',
    '',
  ]) {
    assert.ok(!isReadOnlyStatement(sql), sql);
  }
});

/** Every `queryRunner.query(\`…\`)` text in the fixture projects and the demo app's migrations. */
function migrationStatements(): string[] {
  const files = [join(ROOT, 'test', 'fixtures'), join(ROOT, 'src', 'migrations')].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|js)$/.test(f))
      .map((f) => join(dir, f)),
  );
  return files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\.query\(\s*`([^`]*)`/g)].map((m) => m[1]));
}

test('the words that are never a read give the answer the parser gives', () => {
  const random = rng(0x5e1ec7);
  const statements = migrationStatements();
  assert.ok(statements.length > 50, `only ${statements.length} statements found`);
  const names = Array.from({ length: 200 }, () => `"${hostileName(() => random.next()).replace(/"/g, '""')}"`);
  const shaped = names.flatMap((n) => [
    `CREATE TABLE ${n} (a int)`, `drop table ${n}`, `Alter Table ${n} ADD b text`, `COMMENT ON TABLE ${n} IS 'x'`,
    `SELECT * FROM ${n}`, `INSERT INTO ${n} SELECT 1`, `set search_path = ${n}`, `GRANT SELECT ON ${n} TO PUBLIC`,
    `TRUNCATE ${n}`, `UPDATE ${n} SET a = 1`, `DELETE FROM ${n}`, `REVOKE ALL ON ${n} FROM PUBLIC`,
  ]);
  const edges = ['CREATE', 'SET', 'SETOF', 'CREATED_AT', 'SHOW x', 'SET x = 1; SELECT 1', 'DELETE FROM t; SELECT 1', '\n\tcreate table t ()', 'Grant', 'update'];
  for (const sql of [...statements, ...shaped, ...edges]) assert.equal(isReadOnlyStatement(sql), parsedAsReads(sql), sql);
});
