import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compare } from '../../../src/engine/diff/compare';
import { order } from '../../../src/engine/diff/order';
import { renderMigration } from '../../../src/engine/render/render-migration';
import { sealModel } from '../../../src/engine/model/schema-model';
import { EMPTY, richModel, shuffled } from './models';

test('order() gives the same list whatever order it receives', () => {
  const ops = [...compare(richModel(), EMPTY), ...compare(EMPTY, richModel())];
  const expected = order(ops);
  for (let seed = 1; seed <= 25; seed++) assert.deepEqual(order(shuffled(ops, seed)), expected, `seed ${seed}`);
});

test('entities loaded in any order render a byte-identical migration', () => {
  const base = richModel();
  const render = (m: typeof base) => renderMigration({ className: 'Init1700000000000', message: 'Init', operations: compare(m, EMPTY) });
  const expected = render(base);
  for (let seed = 1; seed <= 25; seed++) {
    const tables = shuffled(base.tables, seed).map((t) => ({ ...t, uniques: shuffled(t.uniques, seed), indexes: shuffled(t.indexes, seed) }));
    const reshuffled = sealModel({ ...base, tables, enums: shuffled(base.enums, seed), schemas: shuffled(base.schemas, seed) });
    assert.equal(render(reshuffled), expected, `seed ${seed}`);
  }
});

test('schemas before enums before tables before foreign keys; drops in the opposite order', () => {
  const up = compare(richModel(), EMPTY).map((o) => o.kind);
  assert.ok(up.indexOf('create-schema') < up.indexOf('create-enum'));
  assert.ok(up.indexOf('create-enum') < up.indexOf('create-table'));
  assert.ok(up.lastIndexOf('create-table') < up.indexOf('add-foreign-key'));
  const down = compare(EMPTY, richModel()).map((o) => o.kind);
  assert.ok(down.indexOf('drop-foreign-key') < down.indexOf('drop-table'));
  assert.ok(down.lastIndexOf('drop-table') < down.indexOf('drop-enum'));
});

test('within a phase, operations sort by name', () => {
  const tables = compare(richModel(), EMPTY).filter((o) => o.kind === 'create-table');
  assert.deepEqual(
    tables.map((o) => (o.kind === 'create-table' ? `${o.table.schema}.${o.table.name}` : '')),
    ['analytics.page_views', 'public.users'],
  );
});
