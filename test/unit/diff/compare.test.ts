import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { compare } from '../../../src/engine/diff/compare';
import type { Operation } from '../../../src/engine/diff/operations';
import { column, EMPTY, model, richModel, table } from './models';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

// Expressions compare by PostgreSQL's parse tree.
before(() => loadSqlParser());

const kinds = (ops: readonly Operation[]) => ops.map((o) => o.kind);

test('equal models give no operations', () => {
  assert.deepEqual(compare(richModel(), richModel()), []);
  assert.deepEqual(compare(EMPTY, EMPTY), []);
});

test('from nothing: schema, extension, enum, tables, then indexes and foreign keys', () => {
  assert.deepEqual(kinds(compare(richModel(), EMPTY)), [
    'create-schema',
    'create-extension',
    'create-enum',
    'create-table',
    'create-table',
    'create-index',
    'add-foreign-key',
  ]);
});

test('to nothing: foreign keys and indexes first, then tables, then the enum; schemas and extensions stay', () => {
  assert.deepEqual(kinds(compare(EMPTY, richModel())), ['drop-foreign-key', 'drop-index', 'drop-table', 'drop-table', 'drop-enum']);
});

test('a table operation carries the table without its indexes and foreign keys', () => {
  const create = compare(richModel(), EMPTY).find((o) => o.kind === 'create-table' && o.table.name === 'users');
  assert.ok(create && create.kind === 'create-table');
  assert.deepEqual(create.table.indexes, []);
  assert.equal(create.table.columns.length, 4);
  assert.deepEqual(create.table.uniques, [{ name: 'UQ_email', columns: ['email'], deferrable: null }]);
});

test('a column type change is ALTER ... TYPE ... USING, never drop and add', () => {
  const before = model({ tables: [table('public', 't', { columns: [column('id', 'integer'), column('name', 'character varying(20)')] })] });
  const after = model({ tables: [table('public', 't', { columns: [column('id', 'integer'), column('name', 'character varying(80)')] })] });
  const ops = compare(after, before);
  assert.deepEqual(ops, [
    {
      kind: 'alter-column-type',
      schema: 'public',
      table: 't',
      column: 'name',
      from: 'character varying(20)',
      to: 'character varying(80)',
      // No length in the cast: an explicit cast to varchar(n) would cut what an assignment refuses.
      using: '"name"::character varying',
      reverseUsing: '"name"::character varying',
    },
  ]);
});

test('a type change drops the old default first and sets the new one after', () => {
  const before = model({ tables: [table('public', 't', { columns: [column('role', 'character varying(10)', { default: "'member'" })] })] });
  const after = model({
    enums: [{ schema: 'public', name: 'role', values: ['member', 'admin'] }],
    tables: [table('public', 't', { columns: [column('role', '"public"."role"', { default: "'member'" })] })],
  });
  const ops = compare(after, before);
  assert.deepEqual(kinds(ops), ['create-enum', 'drop-default', 'alter-column-type', 'set-default']);
  const alter = ops[2];
  assert.ok(alter.kind === 'alter-column-type');
  assert.equal(alter.using, '"role"::text::"public"."role"');
});

test('nullability and defaults', () => {
  const before = model({ tables: [table('public', 't', { columns: [column('a', 'text'), column('b', 'text', { nullable: true, default: "'x'" })] })] });
  const after = model({ tables: [table('public', 't', { columns: [column('a', 'text', { nullable: true, default: "'y'" }), column('b', 'text')] })] });
  assert.deepEqual(compare(after, before), [
    { kind: 'drop-default', schema: 'public', table: 't', column: 'b', previous: "'x'" },
    { kind: 'drop-not-null', schema: 'public', table: 't', column: 'a' },
    { kind: 'set-not-null', schema: 'public', table: 't', column: 'b' },
    { kind: 'set-default', schema: 'public', table: 't', column: 'a', default: "'y'", previous: null },
  ]);
});

test('added enum values are added in place, each next to an existing value', () => {
  const e = (values: string[]) => model({ enums: [{ schema: 'public', name: 'level', values }] });
  const ops = compare(e(['none', 'low', 'medium', 'high', 'critical']), e(['low', 'high']));
  assert.deepEqual(
    ops.map((o) => (o.kind === 'add-enum-value' ? [o.value, o.position, o.enum.values] : o.kind)),
    [
      ['none', { before: 'low' }, ['low', 'high']],
      ['medium', { before: 'high' }, ['none', 'low', 'high']],
      ['critical', null, ['none', 'low', 'medium', 'high']],
    ],
  );
});

test('removed or reordered enum values rebuild the type, with the columns that use it', () => {
  const m = (values: string[]) =>
    model({
      enums: [{ schema: 'public', name: 'level', values }],
      tables: [table('public', 't', { columns: [column('l', '"public"."level"[]', { default: "'{low}'" })] })],
    });
  const ops = compare(m(['low']), m(['low', 'high']));
  assert.equal(ops.length, 1);
  assert.ok(ops[0].kind === 'recreate-enum');
  assert.deepEqual(ops[0].usages, [{ schema: 'public', table: 't', column: 'l', array: true, default: "'{low}'" }]);
  assert.equal(compare(m(['high', 'low']), m(['low', 'high']))[0].kind, 'recreate-enum');
});

test('named objects match by name; a changed one is dropped and re-added', () => {
  const idx = (where: string | null) => ({ name: 'IDX_a', columns: ['a'], unique: false, where, method: 'btree' });
  const t = (where: string | null) => model({ tables: [table('public', 't', { columns: [column('a', 'text')], indexes: [idx(where)] })] });
  assert.deepEqual(compare(t('"a" IS NULL'), t('(a IS NULL)')), [], 'same predicate, PostgreSQL spelling');
  assert.deepEqual(kinds(compare(t('a IS NOT NULL'), t('(a IS NULL)'))), ['drop-index', 'create-index']);
});

test('a changed primary key drops and re-adds the foreign keys that reference it', () => {
  const fk = {
    name: 'FK_p',
    columns: ['pid'],
    referencedSchema: 'public',
    referencedTable: 'parent',
    referencedColumns: ['id'],
    onDelete: 'NO ACTION' as const,
    onUpdate: 'NO ACTION' as const,
    deferrable: null,
  };
  const child = table('public', 'child', { columns: [column('id', 'integer'), column('pid', 'integer')], foreignKeys: [fk] });
  const parent = (name: string) => table('public', 'parent', { primaryKey: { name, columns: ['id'] } });
  const before = model({ tables: [parent('PK_a'), child] });
  assert.deepEqual(compare(before, before), []);
  const after = model({ tables: [table('public', 'parent', { columns: [column('id', 'integer', { generated: 'serial' }), column('k', 'integer')], primaryKey: { name: 'PK_b', columns: ['id', 'k'] } }), child] });
  assert.deepEqual(kinds(compare(after, before)), ['drop-foreign-key', 'drop-primary-key', 'add-column', 'add-primary-key', 'add-foreign-key']);
});

test('a missing schema is created; existing schemas nobody uses are left alone', () => {
  const desired = model({ schemas: ['public', 'sales'], tables: [table('sales', 'orders')] });
  const actual = model({ schemas: ['public', 'legacy'] });
  assert.deepEqual(kinds(compare(desired, actual)), ['create-schema', 'create-table']);
});

test('index columns differing only in case are different columns', () => {
  const t = (col: string) =>
    model({ tables: [table('public', 't', { columns: [column('userId', 'integer'), column('userid', 'integer')], indexes: [{ name: 'IDX', columns: [col], unique: false, where: null, method: 'btree' }] })] });
  assert.deepEqual(kinds(compare(t('userId'), t('userid'))), ['drop-index', 'create-index']);
  assert.deepEqual(compare(t('(lower("userId"))'), t('(lower("userId"))')), []);
});

test('dots inside names never make two tables, enums or columns one (hardening H5: "a.b"."c" and "a"."b.c")', () => {
  const left = table('a.b', 'c');
  const right = table('a', 'b.c');
  const ops = compare(model({ tables: [left, right], enums: [{ schema: 'x.y', name: 'z', values: ['1'] }] }), model({ tables: [right], enums: [{ schema: 'x', name: 'y.z', values: ['1'] }] }));
  assert.ok(ops.some((o) => o.kind === 'create-table' && o.table.schema === 'a.b' && o.table.name === 'c'));
  assert.ok(ops.some((o) => o.kind === 'create-enum' && o.enum.schema === 'x.y'));
  assert.ok(ops.some((o) => o.kind === 'drop-enum' && o.enum.schema === 'x' && o.enum.name === 'y.z'));
  assert.ok(!ops.some((o) => o.kind === 'drop-table'));
});
