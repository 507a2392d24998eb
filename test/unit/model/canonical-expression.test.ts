import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { formatArrayLiteral, parseArrayLiteral } from '../../../src/engine/model/canonical/array-literal';
import { exclusionKey, expressionKey } from '../../../src/engine/model/canonical/canonical-expression';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

// Expressions compare by PostgreSQL's parse tree.
before(() => loadSqlParser());

/** [what an entity writes, what PostgreSQL prints back] */
const SAME: [string, string][] = [
  ['"deletedAt" IS NULL', '("deletedAt" IS NULL)'],
  ['"deleted_at" is null', '(deleted_at IS NULL)'],
  ["status = 'active'", "((status)::text = 'active'::text)"],
  ['price > 0', '(price > (0)::numeric)'],
  ["kind IN ('a', 'b')", "((kind)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"],
  ['a != b', '(a <> b)'],
  ['"age" >= 18 AND "age" < 150', '((age >= 18) AND (age < 150))'],
  // Printed by PostgreSQL 15 (pg_get_constraintdef) for the entity's text on the left.
  ['a BETWEEN 1 AND 5', '((a >= 1) AND (a <= 5))'],
  ['a NOT BETWEEN 1 AND 5', '((a < 1) OR (a > 5))'],
  ["name LIKE 'a%'", "((name)::text ~~ 'a%'::text)"],
  ["name ILIKE 'x%' OR name IS NULL", "(((name)::text ~~* 'x%'::text) OR (name IS NULL))"],
  ['a NOT IN (1, 2)', '(a <> ALL (ARRAY[1, 2]))'],
  ['a > 0 AND b > 0 AND c > 0', '(((a > 0) AND (b > 0) AND (c > 0)))'],
  ['(a > 0 AND b > 0) AND c > 0', '(((a > 0) AND (b > 0) AND (c > 0)))'],
  ['a > -1', "(a > '-1'::integer)"],
  ['price >= 1.50', '(price >= 1.50)'],
  ['lower(email)', 'lower((email)::text)'],
  [`${'x'.repeat(70)} > 0`, `("${'x'.repeat(63)}" > 0)`],
];

test('what an entity writes and what PostgreSQL prints have one key', () => {
  for (const [entity, catalog] of SAME) assert.equal(expressionKey(entity), expressionKey(catalog), `${entity} vs ${catalog}`);
});

test('different predicates have different keys', () => {
  assert.notEqual(expressionKey('"deletedAt" IS NULL'), expressionKey('"deletedAt" IS NOT NULL'));
  assert.notEqual(expressionKey("status = 'active'"), expressionKey("status = 'Active'"));
  assert.notEqual(expressionKey('"Age" > 1'), expressionKey('age > 1'));
  // Parentheses that change the meaning are kept: the key is a parse tree, not a token list.
  assert.notEqual(expressionKey('a > 0 AND (b > 0 OR c > 0)'), expressionKey('a > 0 AND b > 0 OR c > 0'));
  assert.notEqual(expressionKey('a - (b - c)'), expressionKey('a - b - c'));
  assert.notEqual(expressionKey('a IN (1, 2)'), expressionKey('a NOT IN (1, 2)'));
});

test('exclusions compare by their parse trees', () => {
  assert.equal(
    exclusionKey('USING gist ("a" WITH =, "during" WITH &&) WHERE (a > 0)'),
    exclusionKey('USING gist (a WITH =, during WITH &&) WHERE ((a > 0))'),
  );
  assert.notEqual(exclusionKey('USING gist (during WITH &&)'), exclusionKey('USING gist (during WITH =)'));
});

test('text the grammar does not read as one expression keys as itself', () => {
  assert.equal(expressionKey('a >'), 'text:a >');
  assert.equal(expressionKey('1; DROP TABLE t'), 'text:1; DROP TABLE t');
  assert.equal(expressionKey('x FROM t'), 'text:x FROM t');
  assert.notEqual(expressionKey('a >'), expressionKey('a > 1'));
});

test('array literals are written as array_out writes them', () => {
  assert.deepEqual(parseArrayLiteral('{a,"b c",NULL,"x\\"y"}'), ['a', 'b c', null, 'x"y']);
  assert.deepEqual(parseArrayLiteral('{}'), []);
  assert.equal(parseArrayLiteral('{{1,2},{3,4}}'), null);
  assert.equal(parseArrayLiteral('abc'), null);
  assert.equal(formatArrayLiteral(['a', 'b c', '', 'null', 'x,y', 'q"\\']), '{a,"b c","","null","x,y","q\\"\\\\"}');
  assert.equal(formatArrayLiteral([null]), '{NULL}');
});
