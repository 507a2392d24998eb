import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compare } from '../../../src/engine/diff/compare';
import type { Operation } from '../../../src/engine/diff/operations';
import { insertValue, reverse, reverseAll } from '../../../src/engine/diff/reverse';
import { toSql } from '../../../src/engine/diff/to-sql';
import { column, EMPTY, model, richModel, table } from './models';

test('reversing twice gives the operation back', () => {
  const before = model({ tables: [table('public', 't', { columns: [column('a', 'character varying(20)', { default: "'x'" }), column('gone', 'text')] })] });
  const after = model({
    enums: [{ schema: 'public', name: 'e', values: ['a'] }],
    tables: [table('public', 't', { columns: [column('a', 'text', { nullable: true, default: "'y'" }), column('new', 'integer')] })],
  });
  const ops: Operation[] = [...compare(richModel(), EMPTY), ...compare(EMPTY, richModel()), ...compare(after, before)];
  for (const op of ops) {
    const once = reverse(op);
    assert.notEqual(once.kind, 'irreversible');
    assert.deepEqual(reverse(once as Operation), op, op.kind);
  }
});

test('down() undoes up() in exactly the reverse order, dropping what up() created', () => {
  const up = compare(richModel(), EMPTY);
  const down = reverseAll(up);
  assert.deepEqual(down.map((o) => JSON.stringify(reverse(o as Operation))), [...up].reverse().map((o) => JSON.stringify(o)));
  assert.deepEqual(
    down.map((o) => o.kind),
    ['drop-foreign-key', 'drop-index', 'drop-table', 'drop-table', 'drop-enum', 'drop-extension', 'drop-schema'],
  );
});

test('a drop carries the full definition its reverse needs', () => {
  const dropped = compare(EMPTY, richModel()).find((o) => o.kind === 'drop-table' && o.table.name === 'users');
  assert.ok(dropped);
  const recreate = toSql(reverse(dropped)).join('\n');
  assert.match(recreate, /"email" character varying\(120\) NOT NULL/);
  assert.match(recreate, /CONSTRAINT "UQ_email" UNIQUE \("email"\)/);
  assert.match(recreate, /CONSTRAINT "CHK_email" CHECK \(email <> ''\)/);
});

test('adding enum values reverses into one rebuild of the type without them', () => {
  const e = (values: string[]) =>
    model({
      enums: [{ schema: 'public', name: 'level', values }],
      tables: [table('public', 't', { columns: [column('l', '"public"."level"', { default: "'low'" })] })],
    });
  const down = reverseAll(compare(e(['low', 'mid', 'high', 'max']), e(['low', 'high'])));
  assert.equal(down.length, 1);
  const only = down[0];
  assert.ok(only.kind === 'recreate-enum');
  assert.deepEqual(only.from.values, ['low', 'mid', 'high', 'max']);
  assert.deepEqual(only.to.values, ['low', 'high']);
  assert.deepEqual(toSql(only), [
    'ALTER TYPE "public"."level" RENAME TO "level_old"',
    `CREATE TYPE "public"."level" AS ENUM ('low', 'high')`,
    'ALTER TABLE "public"."t" ALTER COLUMN "l" DROP DEFAULT',
    'ALTER TABLE "public"."t" ALTER COLUMN "l" TYPE "public"."level" USING "l"::text::"public"."level"',
    `ALTER TABLE "public"."t" ALTER COLUMN "l" SET DEFAULT 'low'`,
    'DROP TYPE "public"."level_old"',
  ]);
});

test('insertValue places a value as ALTER TYPE ... ADD VALUE does', () => {
  assert.deepEqual(insertValue(['a', 'c'], 'b', { before: 'c' }), ['a', 'b', 'c']);
  assert.deepEqual(insertValue(['a', 'c'], 'b', { after: 'a' }), ['a', 'b', 'c']);
  assert.deepEqual(insertValue(['a'], 'z', null), ['a', 'z']);
});

test('a stored sequence name goes to the side of the column that has it', () => {
  const ref = { schema: 'public', table: 't' };
  const op: Operation = { kind: 'set-generated', ...ref, column: 'id', type: 'integer', from: 'serial', to: 'identity-always', fromSequence: 't_id_seq1' };
  assert.deepEqual(reverse(op), { kind: 'set-generated', ...ref, column: 'id', type: 'integer', from: 'identity-always', to: 'serial', toSequence: 't_id_seq1' });
  assert.deepEqual(reverse(reverse(op) as Operation), op);
});
