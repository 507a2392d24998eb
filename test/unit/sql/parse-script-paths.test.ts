import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { compare } from '../../../src/engine/diff/compare';
import { reverseAll } from '../../../src/engine/diff/reverse';
import { renderOperation } from '../../../src/engine/diff/to-sql';
import { loadSqlParser, parseScanned, parseScript } from '../../../src/engine/sql/pg-parser';
import { seededRandom } from '../../support/fault-trials';
import { hostileName } from '../../support/hostile-names';
import { column, EMPTY, model, table } from '../diff/models';

// parseScript reads a script without `--` or `/*` on a short path (the parser's own ranges and
// a scan of each statement's first bytes); it must give exactly what the general, fully
// scanned path gives. Generated migrations with hostile names, and hand-written edge cases.

before(() => loadSqlParser());

const HAND: readonly string[] = [
  'SELECT 1',
  'SELECT 1;',
  '  SELECT 1 ;  ;  SELECT 2;\n\n',
  "INSERT INTO t VALUES ('a;b', '(', 'it''s')",
  'DO $$ BEGIN PERFORM 1; END $$;',
  `CREATE TABLE "${'x'.repeat(150)}é(" ("a" integer, "b;" text)`,
  `ALTER TABLE "${'"'.repeat(40)}" ADD COLUMN "c" integer`,
  "SELECT '" + 'y'.repeat(200) + "' AS long_string",
  'CREATE OR REPLACE TEMP VIEW v AS SELECT 1',
  'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "i" ON "t" ("a") WHERE "a" > 0',
  'SELECT 1 -- a comment',
  '/* lead */ SELECT 1; SELECT 2 /* tail */',
  "SELECT 'not -- a comment'",
  'SELECT €',
  "SELECT E'a\\nb'",
  'CREATE TABLE U&"d\\0061t" (a int)',
  `COMMENT ON TABLE "t" IS 'x'`,
  'CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql',
  'CREATE OR REPLACE FUNCTION "f"() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql',
  'DROP INDEX CONCURRENTLY "i"; ALTER TABLE ONLY "t" ADD CONSTRAINT "c" CHECK (a > 0) NOT VALID',
  'VACUUM',
  '',
  ';',
];

function generatedScripts(seed: number): string[] {
  const random = seededRandom(seed);
  const scripts: string[] = [];
  for (let i = 0; i < 25; i++) {
    const name = () => hostileName(random, 1, random() < 0.2 ? 63 : 20);
    const cols = Array.from({ length: 1 + Math.floor(random() * 4) }, () => column(name(), random() < 0.5 ? 'text' : 'integer', { nullable: random() < 0.5, default: random() < 0.3 ? "'d;('" : null }));
    const t = table(name(), name(), {
      columns: [column('id', 'integer', { generated: 'serial' }), ...cols],
      checks: random() < 0.5 ? [{ name: name(), expression: '"id" > 0' }] : [],
      indexes: random() < 0.5 ? [{ name: name(), columns: ['id'], unique: random() < 0.5, where: random() < 0.5 ? '"id" > 1' : null, method: 'btree' }] : [],
      comment: random() < 0.3 ? `it's ${name()}` : null,
    });
    const ops = compare(model({ tables: [t] }), EMPTY);
    const up = ops.flatMap((op) => renderOperation(op, {}));
    const down = reverseAll(ops).flatMap((op) => renderOperation(op, {}));
    for (const statements of [up, down]) {
      scripts.push(...statements);
      scripts.push(statements.join(random() < 0.5 ? ';\n' : ';  '));
    }
  }
  return scripts;
}

test('hand-written edge cases: the short path gives what the scanned path gives', () => {
  for (const sql of HAND) assert.deepEqual(parseScript(sql), parseScanned(sql), JSON.stringify(sql));
});

for (const seed of [1, 2, 3]) {
  test(`generated migrations with hostile names, seed ${seed}: the short path gives what the scanned path gives`, () => {
    const scripts = generatedScripts(seed);
    assert.ok(scripts.some((s) => !s.includes('--') && !s.includes('/*')), 'some scripts take the short path');
    for (const sql of scripts) assert.deepEqual(parseScript(sql), parseScanned(sql), sql);
  });
}
