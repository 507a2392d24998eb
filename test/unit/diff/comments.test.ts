import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compare } from '../../../src/engine/diff/compare';
import { describeOperation } from '../../../src/engine/diff/describe';
import { reverseAll } from '../../../src/engine/diff/reverse';
import { toSql } from '../../../src/engine/diff/to-sql';
import { column, model, table } from './models';

const invoices = (tableComment: string | null, totalComment: string | null) =>
  table('public', 'invoices', { comment: tableComment, columns: [column('id', 'integer', { generated: 'serial' }), column('total', 'numeric(10,2)', { comment: totalComment })] });

test('a new table carries its comments: COMMENT ON after CREATE TABLE, gone with DROP TABLE', () => {
  const ops = compare(model({ tables: [invoices('Bills', "Customer's total")] }), model({}));
  const sql = ops.flatMap(toSql);
  assert.deepEqual(sql.slice(-2), [`COMMENT ON TABLE "public"."invoices" IS 'Bills'`, `COMMENT ON COLUMN "public"."invoices"."total" IS 'Customer''s total'`]);
  assert.deepEqual(reverseAll(ops).flatMap(toSql), ['DROP TABLE "public"."invoices"']);
});

test('changed, added and removed comments are one reversible operation each', () => {
  const ops = compare(model({ tables: [invoices(null, 'Total, tax included')] }), model({ tables: [invoices('Bills', 'Total')] }));
  assert.deepEqual(ops.map(describeOperation), ['remove the comment on table public.invoices', 'comment on public.invoices.total: Total, tax included']);
  assert.deepEqual(ops.flatMap(toSql), [
    'COMMENT ON TABLE "public"."invoices" IS NULL',
    `COMMENT ON COLUMN "public"."invoices"."total" IS 'Total, tax included'`,
  ]);
  assert.deepEqual(reverseAll(ops).flatMap(toSql), [`COMMENT ON COLUMN "public"."invoices"."total" IS 'Total'`, `COMMENT ON TABLE "public"."invoices" IS 'Bills'`]);
});

test('an added column brings its comment', () => {
  const desired = table('public', 'invoices', { columns: [column('id', 'integer', { generated: 'serial' }), column('paid_on', 'date', { nullable: true, comment: 'null while open' })] });
  const ops = compare(model({ tables: [desired] }), model({ tables: [table('public', 'invoices')] }));
  assert.deepEqual(ops.flatMap(toSql), ['ALTER TABLE "public"."invoices" ADD COLUMN "paid_on" date', `COMMENT ON COLUMN "public"."invoices"."paid_on" IS 'null while open'`]);
});

test('equal comments give no operation', () => {
  assert.deepEqual(compare(model({ tables: [invoices('Bills', 'Total')] }), model({ tables: [invoices('Bills', 'Total')] })), []);
});
