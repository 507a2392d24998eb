import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalCatalogType, canonicalType, enumOfType, enumType } from '../../../src/engine/model/canonical/canonical-type';

test('aliases take format_type() names', () => {
  const cases: [string, string][] = [
    ['varchar', 'character varying'],
    ['int', 'integer'],
    ['int4', 'integer'],
    ['int8', 'bigint'],
    ['int2', 'smallint'],
    ['bool', 'boolean'],
    ['float', 'double precision'],
    ['float8', 'double precision'],
    ['float4', 'real'],
    ['decimal', 'numeric'],
    ['timestamptz', 'timestamp with time zone'],
    ['timestamp', 'timestamp without time zone'],
    ['timetz', 'time with time zone'],
    ['simple-json', 'text'],
    ['UUID', 'uuid'],
    ['jsonb', 'jsonb'],
  ];
  for (const [alias, name] of cases) assert.equal(canonicalType({ base: alias }), name, alias);
});

test('lengths, precision and scale are written as format_type() writes them', () => {
  assert.equal(canonicalType({ base: 'varchar', length: 80 }), 'character varying(80)');
  assert.equal(canonicalType({ base: 'varchar', length: '' }), 'character varying');
  assert.equal(canonicalType({ base: 'char' }), 'character(1)');
  assert.equal(canonicalType({ base: 'char', length: '3' }), 'character(3)');
  assert.equal(canonicalType({ base: 'numeric', precision: 10, scale: 2 }), 'numeric(10,2)');
  assert.equal(canonicalType({ base: 'decimal', precision: 10 }), 'numeric(10,0)');
  assert.equal(canonicalType({ base: 'numeric', scale: 2 }), 'numeric');
  assert.equal(canonicalType({ base: 'timestamptz', precision: 3 }), 'timestamp(3) with time zone');
  assert.equal(canonicalType({ base: 'time', precision: 0 }), 'time(0) without time zone');
  assert.equal(canonicalType({ base: 'interval', precision: 2 }), 'interval(2)');
});

test('modifiers a type cannot take are dropped (TypeORM emits integer(11), which fails)', () => {
  assert.equal(canonicalType({ base: 'int', length: 11 }), 'integer');
  assert.equal(canonicalType({ base: 'text', length: 255 }), 'text');
  assert.equal(canonicalType({ base: 'float', precision: 53 }), 'double precision');
});

test('arrays', () => {
  assert.equal(canonicalType({ base: 'text', array: true }), 'text[]');
  assert.equal(canonicalType({ base: 'varchar', length: 20, array: true }), 'character varying(20)[]');
});

test('enum types are schema-qualified and quoted, and can be read back', () => {
  assert.equal(enumType('public', 'user_role', false), '"public"."user_role"');
  assert.equal(enumType('Analytics', 'Kind "x"', true), '"Analytics"."Kind ""x"""[]');
  assert.deepEqual(enumOfType('"Analytics"."Kind ""x"""[]'), { schema: 'Analytics', name: 'Kind "x"', array: true });
  assert.equal(enumOfType('text[]'), null);
});

test('catalog types: built-ins as formatted, enums qualified, extension types unqualified', () => {
  const t = (formatted: string, schema = 'pg_catalog', name = '', isEnum = false, isArray = false) =>
    canonicalCatalogType({ formatted, schema, name, isEnum, isArray });
  assert.equal(t('character varying(80)'), 'character varying(80)');
  assert.equal(t('user_role[]', 'public', 'user_role', true, true), '"public"."user_role"[]');
  assert.equal(t('analytics."Kind"', 'analytics', 'Kind', true), '"analytics"."Kind"');
  assert.equal(t('public.citext', 'public', 'citext'), 'citext');
  assert.equal(t('citext[]', 'public', 'citext', false, true), 'citext[]');
});
