import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatArrayLiteral, parseArrayLiteral } from '../../../src/engine/model/canonical/array-literal';
import { expressionKey } from '../../../src/engine/model/canonical/canonical-expression';

/** [what an entity writes, what PostgreSQL prints back] */
const SAME: [string, string][] = [
  ['"deletedAt" IS NULL', '("deletedAt" IS NULL)'],
  ['"deleted_at" is null', '(deleted_at IS NULL)'],
  ["status = 'active'", "((status)::text = 'active'::text)"],
  ['price > 0', '(price > (0)::numeric)'],
  ["kind IN ('a', 'b')", "((kind)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"],
  ['a != b', '(a <> b)'],
  ['"age" >= 18 AND "age" < 150', '((age >= 18) AND (age < 150))'],
];

test('what an entity writes and what PostgreSQL prints have one key', () => {
  for (const [entity, catalog] of SAME) assert.equal(expressionKey(entity), expressionKey(catalog), `${entity} vs ${catalog}`);
});

test('different predicates have different keys', () => {
  assert.notEqual(expressionKey('"deletedAt" IS NULL'), expressionKey('"deletedAt" IS NOT NULL'));
  assert.notEqual(expressionKey("status = 'active'"), expressionKey("status = 'Active'"));
  assert.notEqual(expressionKey('"Age" > 1'), expressionKey('age > 1'));
});

test('array literals are written as array_out writes them', () => {
  assert.deepEqual(parseArrayLiteral('{a,"b c",NULL,"x\\"y"}'), ['a', 'b c', null, 'x"y']);
  assert.deepEqual(parseArrayLiteral('{}'), []);
  assert.equal(parseArrayLiteral('{{1,2},{3,4}}'), null);
  assert.equal(parseArrayLiteral('abc'), null);
  assert.equal(formatArrayLiteral(['a', 'b c', '', 'null', 'x,y', 'q"\\']), '{a,"b c","","null","x,y","q\\"\\\\"}');
  assert.equal(formatArrayLiteral([null]), '{NULL}');
});
