import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { confirmPlan } from '../../../src/engine/safety/confirm-plan';
import { describePlan, planSummary, totalRows, type DestructionPlan } from '../../../src/engine/safety/destruction-plan';

const plan: DestructionPlan = {
  action: 'reset',
  database: 'app',
  schemas: ['analytics', 'public'],
  tables: [
    { schema: 'analytics', table: 'page_views', rows: 12 },
    { schema: 'public', table: 'users', rows: 1 },
  ],
  effect: 'will be dropped and rebuilt',
  notes: ['public.legacy is not managed by the entities and is left alone'],
};

const hasCode = (code: string) => (e: unknown) => e instanceof DbManageError && e.code === code;

test('the plan says which schemas and tables go, with row counts', () => {
  assert.equal(totalRows(plan), 13);
  assert.equal(planSummary(plan), 'reset on database app: 2 schemas (analytics, public), 2 tables with 13 rows will be dropped and rebuilt');
  assert.deepEqual(describePlan(plan), [
    planSummary(plan),
    '  analytics.page_views        12 rows',
    '  public.users                 1 row',
    '  note: public.legacy is not managed by the entities and is left alone',
  ]);
});

test('a plan that drops columns counts their values, not tables it does not drop', () => {
  const downgrade: DestructionPlan = {
    action: 'downgrade',
    database: 'shop',
    schemas: [],
    tables: [],
    columns: [
      { schema: 'sales', table: 'orders', column: 'coupon', values: 1 },
      { schema: 'sales', table: 'orders', column: 'note', values: 0 },
    ],
    effect: 'will be lost: reverting 1 migration drops column sales.orders.coupon, column sales.orders.note',
    notes: [],
  };
  assert.equal(
    planSummary(downgrade),
    'downgrade on database shop: 2 columns with 1 value will be lost: reverting 1 migration drops column sales.orders.coupon, column sales.orders.note',
  );
  assert.deepEqual(describePlan(downgrade).slice(1), ['  sales.orders.coupon         1 value', '  sales.orders.note           0 values']);
});

test('--yes proceeds without asking', async () => {
  let asked = false;
  await confirmPlan(plan, { yes: true, confirm: async () => (asked = true) });
  assert.equal(asked, false);
});

test('no way to ask and no --yes: confirmation-required, with the plan in the details', async () => {
  await assert.rejects(confirmPlan(plan, {}), (e: unknown) => {
    assert.ok(hasCode('confirmation-required')(e));
    const err = e as DbManageError;
    assert.match(err.oneLine, /needs confirmation.*--yes.*Nothing was changed/);
    assert.deepEqual(err.details.plan, plan);
    return true;
  });
});

test('the callback sees the plan; yes proceeds, no aborts', async () => {
  let seen: DestructionPlan | null = null;
  await confirmPlan(plan, { confirm: async (p) => ((seen = p), true) });
  assert.equal(seen, plan);
  await assert.rejects(confirmPlan(plan, { confirm: async () => false }), hasCode('aborted'));
});

test('a callback that throws (Ctrl-C at the prompt) aborts', async () => {
  await assert.rejects(
    confirmPlan(plan, {
      confirm: async () => {
        throw new Error('interrupted');
      },
    }),
    hasCode('aborted'),
  );
});
