import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { buildHistory } from '../../../src/engine/revisions/build-history';
import { planUpgrade } from '../../../src/engine/revisions/plan-upgrade';
import { parseUpgradeTarget } from '../../../src/engine/revisions/revision-target';
import { A, B, C, D, applied, local } from './fixtures';

function failure(fn: () => unknown): DbManageError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof DbManageError, String(err));
    return err;
  }
  assert.fail('expected an error');
}

const names = (refs: readonly { name: string }[]) => refs.map((r) => r.name);
const plan = (target?: string, allowOutOfOrder = false, view = buildHistory(local(A, B, C, D), applied(A))) =>
  planUpgrade(view, parseUpgradeTarget(target), { allowOutOfOrder });

test('head applies every pending migration in order', () => {
  const p = plan();
  assert.deepEqual(names(p.steps), [B.name, C.name, D.name]);
  assert.deepEqual(p.target, D);
  assert.deepEqual(plan('head').steps, p.steps);
});

test('+N applies the next N', () => {
  assert.deepEqual(names(plan('+2').steps), [B.name, C.name]);
  assert.deepEqual(plan('+2').target, C);
});

test('+N past head is out of range', () => {
  const err = failure(() => plan('+4'));
  assert.equal(err.code, 'revision-out-of-range');
  assert.equal(err.message, '+4 goes past head: only 3 migrations are pending');
});

test('a revision applies up to and including it', () => {
  assert.deepEqual(names(plan('AddPosts').steps), [B.name, C.name]);
  assert.deepEqual(names(plan('1700000000002').steps), [B.name]);
});

test('an applied revision as target does nothing', () => {
  const p = plan('Create');
  assert.deepEqual(p.steps, []);
  assert.deepEqual(p.target, A);
});

test('at head there is nothing to do', () => {
  const p = plan(undefined, false, buildHistory(local(A, B), applied(A, B)));
  assert.deepEqual(p.steps, []);
  assert.deepEqual(p.target, B);
});

test('an empty project plans nothing', () => {
  assert.deepEqual(plan(undefined, false, buildHistory([], [])), { steps: [], target: null, outOfOrder: [] });
});

test('unknown and ambiguous targets fail with their codes', () => {
  assert.equal(failure(() => plan('Nope')).code, 'revision-not-found');
  assert.equal(failure(() => plan('AddP')).code, 'revision-ambiguous');
});

test('refuses an out-of-order migration unless allowed', () => {
  const view = buildHistory(local(A, B, C, D), applied(A, C));
  const err = failure(() => plan(undefined, false, view));
  assert.equal(err.code, 'history-conflict');
  assert.equal(err.message, `${B.name} is older than the applied head ${C.name} (out of order)`);
  assert.match(err.hint ?? '', /--allow-out-of-order/);
  const p = plan(undefined, true, view);
  assert.deepEqual(names(p.steps), [B.name, D.name]);
  assert.deepEqual(p.outOfOrder, [B.name]);
});

test('+N takes the oldest pending first, so an out-of-order one is refused first', () => {
  const view = buildHistory(local(A, B, C, D), applied(B));
  const err = failure(() => plan('+1', false, view));
  assert.equal(err.code, 'history-conflict');
  assert.deepEqual(names(plan('+1', false, buildHistory(local(B, C, D), applied(B))).steps), [C.name]);
});

test('refuses to go on past an edited or missing migration', () => {
  const edited = local(A, B).map((m) => (m.name === A.name ? { ...m, checksum: 'changed' } : m));
  const err = failure(() => plan(undefined, false, buildHistory(edited, applied(A))));
  assert.equal(err.code, 'history-tampered');
  assert.equal(err.message, `upgrade refused: ${A.name} was edited after it was applied`);
  assert.equal(err.hint, `Restore the file, or accept the project as it is now with npx db-manage stamp ${A.name}`);

  const gone = failure(() => plan(undefined, false, buildHistory(local(A, C), applied(A, B))));
  assert.equal(gone.code, 'history-tampered');
  assert.equal(gone.message, `upgrade refused: ${B.name} is applied but its file is missing`);
  assert.match(gone.hint ?? '', new RegExp(`stamp ${A.name}$`));
});

test('target parsing rejects what belongs to downgrade', () => {
  assert.equal(failure(() => parseUpgradeTarget('-1')).code, 'usage');
  assert.equal(failure(() => parseUpgradeTarget('base')).code, 'usage');
  assert.equal(failure(() => parseUpgradeTarget('+0')).code, 'usage');
});
