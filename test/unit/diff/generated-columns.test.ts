import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { compare } from '../../../src/engine/diff/compare';
import { destructive } from '../../../src/engine/diff/destructive';
import { reverseAll } from '../../../src/engine/diff/reverse';
import { toSql } from '../../../src/engine/diff/to-sql';
import type { IndexModel } from '../../../src/engine/model/schema-model';
import { column, model, table } from './models';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

// Expressions compare by PostgreSQL's parse tree.
before(() => loadSqlParser());

const byTotal: IndexModel = { name: 'IDX_total', columns: ['total'], unique: false, where: null, method: 'btree' };
const lines = (total: ReturnType<typeof column>) =>
  table('public', 'lines', { columns: [column('id', 'integer', { generated: 'serial' }), column('price', 'numeric(10,2)'), column('qty', 'integer'), total], indexes: [byTotal] });
const generated = (expression: string) => column('total', 'numeric(12,2)', { expression });

test('a stored generated column is created with its expression', () => {
  const [create] = compare(model({ tables: [lines(generated('"price" * "qty"'))] }), model({})).flatMap(toSql);
  assert.match(create, /"total" numeric\(12,2\) GENERATED ALWAYS AS \("price" \* "qty"\) STORED NOT NULL/);
});

test('the catalog spelling of the same expression (casts, parentheses, no quotes) is no change', () => {
  const desired = model({ tables: [lines(generated('"price" * "qty"'))] });
  assert.deepEqual(compare(desired, model({ tables: [lines(generated('price * (qty)::numeric'))] })), []);
});

test('a changed expression drops and adds the column, its index around it, and loses nothing', () => {
  const ops = compare(model({ tables: [lines(generated('"price" * "qty" * 1.2'))] }), model({ tables: [lines(generated('price * (qty)::numeric'))] }));
  assert.deepEqual(ops.map((o) => o.kind), ['drop-index', 'drop-column', 'add-column', 'create-index']);
  assert.deepEqual(ops.map(destructive), [null, null, null, null]);
  assert.deepEqual(reverseAll(ops).map((o) => o.kind), ['drop-index', 'drop-column', 'add-column', 'create-index']);
  assert.match(toSql(reverseAll(ops)[2])[0], /GENERATED ALWAYS AS \(price \* \(qty\)::numeric\) STORED/);
});

test('a plain column that becomes generated loses its values: that drop is data loss', () => {
  const ops = compare(model({ tables: [lines(generated('"price" * "qty"'))] }), model({ tables: [lines(column('total', 'numeric(12,2)'))] }));
  assert.match(destructive(ops.find((o) => o.kind === 'drop-column')!) ?? '', /drops column public\.lines\.total/);
});

test('a generated column reading a new column is added after it and dropped before the column it read (fuzz seed 114)', () => {
  // `zz` replaces `a` (no rename answer) and `m_gen` now reads `zz`: names sort the other way round.
  const t = (plain: string, expr: string) =>
    table('public', 'report', { columns: [column('id', 'integer', { generated: 'serial' }), column(plain, 'integer'), column('m_gen', 'integer', { expression: expr })] });
  const ops = compare(model({ tables: [t('zz', '"zz" * 2')] }), model({ tables: [t('a', '"a" * 2')] }));
  const sequence = (list: readonly { kind: string }[]) =>
    list.flatMap((o) => (o.kind === 'add-column' || o.kind === 'drop-column' ? [`${o.kind} ${(o as unknown as { column: { name: string } }).column.name}`] : []));
  assert.deepEqual(sequence(ops), ['drop-column m_gen', 'drop-column a', 'add-column zz', 'add-column m_gen']);
  assert.deepEqual(sequence(reverseAll(ops)), ['drop-column m_gen', 'drop-column zz', 'add-column a', 'add-column m_gen']);
});

test('retyping or re-collating a column a generated column reads drops that column first and adds it back after (fuzz seed 1)', () => {
  const withPrice = (type: string, collation: string | null = null) =>
    table('public', 'lines', {
      columns: [column('id', 'integer', { generated: 'serial' }), column('price', type, { collation }), column('qty', 'integer'), generated('"price" * "qty"')],
      indexes: [byTotal],
    });
  const ops = compare(model({ tables: [withPrice('numeric(14,2)')] }), model({ tables: [withPrice('numeric(10,2)')] }));
  assert.deepEqual(ops.map((o) => o.kind), ['drop-index', 'drop-column', 'alter-column-type', 'add-column', 'create-index']);
  assert.deepEqual(ops.map(destructive), [null, null, null, null, null]);
  assert.deepEqual(reverseAll(ops).map((o) => o.kind), ['drop-index', 'drop-column', 'alter-column-type', 'add-column', 'create-index']);
  const text = (t: string) => table('public', 'labels', { columns: [column('id', 'integer'), column('name', 'character varying(80)', { collation: t === 'C' ? 'C' : null }), column('shout', 'text', { expression: 'upper("name")' })] });
  assert.deepEqual(compare(model({ tables: [text('C')] }), model({ tables: [text('default')] })).map((o) => o.kind), ['drop-column', 'set-collation', 'add-column']);
  // A column no generated column reads is retyped in place.
  assert.deepEqual(compare(model({ tables: [lines(generated('"price" * "qty"'))] }), model({ tables: [lines(generated('"price" * "qty"'))] })), []);
});

test('a retyped column: the CHECK and partial-index WHERE naming it are dropped before and added after, so PostgreSQL stores them as written (fuzz seed 418)', () => {
  const t = (type: string) =>
    table('public', 'review', {
      columns: [column('id', 'integer'), column('score', type)],
      checks: [{ name: 'ck_score', expression: '"score" >= 0' }],
      indexes: [{ name: 'ix_scored', columns: ['id'], unique: false, where: '"score" > 0', method: 'btree' }],
    });
  const ops = compare(model({ tables: [t('double precision')] }), model({ tables: [t('integer')] }));
  assert.deepEqual(ops.map((o) => o.kind), ['drop-index', 'drop-check', 'alter-column-type', 'add-check', 'create-index']);
  assert.deepEqual(reverseAll(ops).map((o) => o.kind), ['drop-index', 'drop-check', 'alter-column-type', 'add-check', 'create-index']);
});
