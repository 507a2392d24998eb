import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { typeChangeRewrites } from '../../../src/engine/lint/sql/column-type';
import { typeParts } from '../../../src/engine/model/canonical/canonical-type';

describe('column type changes', () => {
  test('one vocabulary: SQL spellings, aliases and format_type output read alike', () => {
    assert.deepEqual(typeParts('character varying(200)'), { name: 'character varying', mods: [200], array: false });
    assert.deepEqual(typeParts('VARCHAR(200)'), { name: 'character varying', mods: [200], array: false });
    assert.deepEqual(typeParts('numeric(10,2)'), { name: 'numeric', mods: [10, 2], array: false });
    assert.deepEqual(typeParts('timestamp(3) with time zone'), { name: 'timestamp with time zone', mods: [3], array: false });
    assert.deepEqual(typeParts('timestamptz(3)'), typeParts('timestamp(3) with time zone'));
    assert.deepEqual(typeParts('text[]'), { name: 'text', mods: [], array: true });
    assert.deepEqual(typeParts('pg_catalog.int4'), typeParts('integer'));
    assert.deepEqual(typeParts('float8 ARRAY'), { name: 'double precision', mods: [], array: true });
  });

  const safe: [string, string][] = [
    ['character varying(200)', 'varchar(300)'],
    ['varchar(200)', 'varchar'],
    ['character varying(200)', 'text'],
    ['text', 'character varying'],
    ['numeric(10,2)', 'numeric(12,2)'],
    ['numeric(10,2)', 'numeric'],
    ['timestamp(3) without time zone', 'timestamp(6)'],
    ['cidr', 'inet'],
    ['integer', 'int'],
    ['text[]', 'text[]'],
  ];
  for (const [from, to] of safe) {
    test(`${from} → ${to} does not rewrite`, () => assert.deepEqual(typeChangeRewrites(from, to), { rewrites: false }));
  }

  const rewriting: [string, string, string?][] = [
    ['varchar(300)', 'varchar(200)'],
    ['varchar', 'varchar(10)'],
    ['text', 'varchar(10)'],
    ['numeric(10,2)', 'numeric(12,3)'],
    ['numeric', 'numeric(10,2)'],
    ['integer', 'bigint'],
    ['timestamp without time zone', 'timestamptz'],
    ['text', 'text[]'],
    ['json', 'jsonb'],
    ['varchar(10)', 'text', 'lower(x)'],
  ];
  for (const [from, to, using] of rewriting) {
    test(`${from} → ${to}${using ? ' USING …' : ''} rewrites`, () => assert.equal(typeChangeRewrites(from, to, using !== undefined).rewrites, true));
  }

  test('an unknown previous type may rewrite', () => {
    assert.equal(typeChangeRewrites(undefined, 'text').rewrites, 'unknown');
  });
});
