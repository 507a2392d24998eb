import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compare } from '../../../src/engine/diff/compare';
import { comparesExpressions } from '../../../src/engine/diff/compare-table';
import type { TableModel } from '../../../src/engine/model/schema-model';
import { seededRandom } from '../../support/fault-trials';
import { column, model, table } from './models';

// This file never loads the SQL parser: projectDiff skips loading it (~50 ms, 3 MiB) when no
// table compares an expression, so a comparison comparesExpressions() calls expression-free
// must run without it, and every expression-bearing field must be seen.

const PLAIN: Partial<TableModel>[] = [
  { columns: [column('id', 'integer'), column('name', 'text', { default: "'x'" })] },
  { uniques: [{ name: 'UQ_a', columns: ['id'], deferrable: null }] },
  { indexes: [{ name: 'IDX_a', columns: ['id'], unique: false, where: null, method: 'btree' }] },
  { indexes: [{ name: 'IDX_a', columns: ['id'], unique: true, where: null, method: 'hash' }] },
  { comment: 'a table' },
  { primaryKey: null },
];
const EXPRESSIONS: Partial<TableModel>[] = [
  { checks: [{ name: 'CHK_a', expression: 'id > 0' }] },
  { exclusions: [{ name: 'XCL_a', expression: 'USING gist (id WITH =)', deferrable: null }] },
  { indexes: [{ name: 'IDX_a', columns: ['(lower(name))'], unique: false, where: null, method: 'btree' }] },
  { indexes: [{ name: 'IDX_a', columns: ['id'], unique: false, where: 'id > 0', method: 'btree' }] },
  { columns: [column('id', 'integer'), column('twice', 'integer', { expression: 'id * 2' })] },
];

test('every expression-bearing field makes a table need the parser; plain ones do not', () => {
  for (const extra of EXPRESSIONS) assert.equal(comparesExpressions(table('public', 't', extra)), true, JSON.stringify(extra));
  for (const extra of PLAIN) assert.equal(comparesExpressions(table('public', 't', extra)), false, JSON.stringify(extra));
});

test('random expression-free table pairs compare without the parser loaded', () => {
  const random = seededRandom(0x5eed);
  for (let i = 0; i < 200; i++) {
    const pick = () => Object.assign({}, ...PLAIN.filter(() => random() < 0.4)) as Partial<TableModel>;
    const desired = model({ tables: [table('public', 't', pick())] });
    const actual = model({ tables: [table('public', 't', pick())] });
    assert.ok([...desired.tables, ...actual.tables].every((t) => !comparesExpressions(t)));
    assert.doesNotThrow(() => compare(desired, actual), `pair ${i}`);
  }
});

test('a table with an expression does need it: compare says so when it is not loaded', () => {
  for (const extra of EXPRESSIONS) {
    const desired = model({ tables: [table('public', 't', extra)] });
    // Same name on both sides, so the two expressions are compared, not just added.
    assert.throws(() => compare(desired, desired), /the SQL parser was used before it was loaded/, JSON.stringify(extra));
  }
});
