import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalDefault, canonicalNumber, constantValue, stableJson } from '../../../src/engine/model/canonical/canonical-default';

/** [what the entity says, what pg_get_expr() prints, the column type] must meet. */
const SAME: [string, string, string][] = [
  ["'it''s'", "'it''s'::character varying", 'character varying(20)'],
  ["'x'", "'x'::text", 'text'],
  ["'-1'", "'-1'::integer", 'integer'],
  ['-1', "'-1'::integer", 'integer'],
  ["'10.50'", '10.5', 'numeric(10,2)'],
  ['10.5', '10.5', 'numeric(10,2)'],
  ['-2.5', "'-2.5'::numeric", 'real'],
  ['0', '0', 'integer'],
  ['true', 'true', 'boolean'],
  ["'t'", 'true', 'boolean'],
  ['now()', 'now()', 'timestamp with time zone'],
  ['CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP', 'timestamp with time zone'],
  ['CURRENT_TIMESTAMP', 'now()', 'timestamp with time zone'],
  ["('now'::text)::timestamp with time zone", 'now()', 'timestamp with time zone'],
  ['current_date', 'CURRENT_DATE', 'date'],
  ['CURRENT_TIMESTAMP(3)', 'CURRENT_TIMESTAMP(3)', 'timestamp(3) with time zone'],
  ['gen_random_uuid()', 'gen_random_uuid()', 'uuid'],
  ['UUID_GENERATE_V4()', 'uuid_generate_v4()', 'uuid'],
  ['\'{"b":1,"a":[1,2]}\'', '\'{"a": [1, 2], "b": 1}\'::jsonb', 'jsonb'],
  ["'[]'", "'[]'::jsonb", 'jsonb'],
  ["'{}'", "'{}'::jsonb", 'jsonb'],
  ["'{}'", "'{}'::text[]", 'text[]'],
  ['\'{"a","b c"}\'', '\'{a,"b c"}\'::character varying[]', 'character varying(20)[]'],
  ["'member'", "'member'::user_role", '"public"."user_role"'],
  ["'a'", '\'a\'::analytics."Kind"', '"analytics"."Kind"'],
  ["'{admin}'", "'{admin}'::user_role[]", '"public"."user_role"[]'],
  ["'a\\b'", "'a\\b'::text", 'text'],
  ["'x'", "'x'::bpchar", 'character(1)'],
];

test('the entity spelling and the catalog spelling of a default meet', () => {
  for (const [entity, catalog, type] of SAME) {
    assert.equal(canonicalDefault(entity, type), canonicalDefault(catalog, type), `${entity} vs ${catalog} (${type})`);
  }
});

test('canonical defaults are plain SQL without casts', () => {
  assert.equal(canonicalDefault("'it''s'::character varying", 'character varying'), "'it''s'");
  assert.equal(canonicalDefault("'-1'::integer", 'integer'), '-1');
  assert.equal(canonicalDefault('\'{"b": 1, "a": 2}\'::jsonb', 'jsonb'), '\'{"a":2,"b":1}\'');
  assert.equal(canonicalDefault('(now())', 'timestamp with time zone'), 'now()');
});

test('json (not jsonb) keeps its text: PostgreSQL keeps it too', () => {
  assert.equal(canonicalDefault('\'{"b":1, "a":2}\'::json', 'json'), '\'{"b":1, "a":2}\'');
});

test('no default, and an explicit NULL default, are both null', () => {
  assert.equal(canonicalDefault(null, 'text'), null);
  assert.equal(canonicalDefault(undefined, 'text'), null);
  assert.equal(canonicalDefault('NULL::character varying', 'character varying'), null);
  assert.equal(canonicalDefault('null', 'text'), null);
});

test('different defaults stay different', () => {
  assert.notEqual(canonicalDefault("'a'", 'text'), canonicalDefault("'b'", 'text'));
  assert.notEqual(canonicalDefault('1', 'integer'), canonicalDefault('2', 'integer'));
  assert.notEqual(canonicalDefault("'{}'", 'jsonb'), canonicalDefault("'[]'", 'jsonb'));
  assert.notEqual(canonicalDefault('true', 'boolean'), canonicalDefault('false', 'boolean'));
});

test('constants, numbers and stable JSON', () => {
  assert.equal(constantValue("'a''b'::text::character varying"), "a'b");
  assert.equal(constantValue('(-1)'), '-1');
  assert.equal(constantValue('now()'), null);
  assert.equal(canonicalNumber('+007.500'), '7.5');
  assert.equal(canonicalNumber('-0.0'), '0');
  assert.equal(canonicalNumber('1e3'), '1e3');
  assert.equal(canonicalNumber('abc'), null);
  assert.equal(stableJson({ b: [{ d: 1, c: 2 }], a: null }), '{"a":null,"b":[{"c":2,"d":1}]}');
});

test('array elements are quoted where array_out quotes them: ASCII white space only', async () => {
  const { formatArrayLiteral } = await import('../../../src/engine/model/canonical/array-literal');
  assert.equal(formatArrayLiteral(['a\u00a0b', 'c\u2003', 'd e', 'f\tg']), '{a\u00a0b,c\u2003,"d e","f\tg"}');
  assert.equal(canonicalDefault("'{\"x\u00a0\"}'", 'text[]'), canonicalDefault("'{x\u00a0}'::text[]", 'text[]'));
});

test("E'…' literals and a server with standard_conforming_strings off read back to the same text", () => {
  assert.equal(canonicalDefault("E'a\\\\b\\nc'", 'text'), canonicalDefault("'a\\\\b\nc'::text", 'text', { backslashEscapes: true }));
  assert.equal(constantValue("E'it''s \\\\'::character varying"), "it's \\");
});
