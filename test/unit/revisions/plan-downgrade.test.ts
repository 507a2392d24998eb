import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { buildHistory } from '../../../src/engine/revisions/build-history';
import { planDowngrade } from '../../../src/engine/revisions/plan-downgrade';
import { parseDowngradeTarget } from '../../../src/engine/revisions/revision-target';
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
const threeApplied = buildHistory(local(A, B, C, D), applied(A, B, C));
const plan = (target?: string, steps?: number, view = threeApplied) => planDowngrade(view, parseDowngradeTarget(target, steps));

test('reverts one migration by default', () => {
  const p = plan();
  assert.deepEqual(names(p.steps), [C.name]);
  assert.deepEqual(p.target, B);
});

test('-N and --steps N revert N, newest first', () => {
  assert.deepEqual(names(plan('-2').steps), [C.name, B.name]);
  assert.deepEqual(plan('-2'), plan(undefined, 2));
  assert.deepEqual(plan('-3').target, null);
});

test('a revision stays applied; what is newer is reverted', () => {
  assert.deepEqual(names(plan('Create').steps), [C.name, B.name]);
  assert.deepEqual(plan('Create').target, A);
  assert.deepEqual(plan('AddPosts').steps, []);
});

test('base reverts everything; head reverts nothing', () => {
  assert.deepEqual(names(plan('base').steps), [C.name, B.name, A.name]);
  assert.equal(plan('base').target, null);
  assert.deepEqual(plan('head').steps, []);
});

test('going below base is a clear error', () => {
  const err = failure(() => plan('-4'));
  assert.equal(err.code, 'revision-out-of-range');
  assert.equal(err.message, 'cannot downgrade 4 steps: only 3 migrations are applied');
  const empty = failure(() => plan(undefined, undefined, buildHistory(local(A), [])));
  assert.equal(empty.message, 'cannot downgrade 1 step: no migrations are applied');
  assert.equal(empty.hint, 'The database is already at base');
});

test('a pending revision cannot be a downgrade target', () => {
  const err = failure(() => plan('AddPostIndex'));
  assert.equal(err.code, 'revision-out-of-range');
  assert.equal(err.message, `${D.name} is not applied, so downgrade cannot go back to it`);
});

test('cannot revert a migration whose file is missing', () => {
  const err = failure(() => plan(undefined, undefined, buildHistory(local(A, B), applied(A, B, C))));
  assert.equal(err.code, 'history-tampered');
  assert.match(err.hint ?? '', new RegExp(`stamp ${B.name}$`));
});

test('cannot revert a migration edited after it was applied; edits to migrations it keeps do not matter', () => {
  const editedC = applied(A, B, C).map((a) => (a.name === C.name ? { ...a, checksum: 'sum-before-the-edit' } : a));
  const err = failure(() => plan(undefined, undefined, buildHistory(local(A, B, C), editedC)));
  assert.equal(err.code, 'history-tampered');
  assert.equal(err.message, `cannot revert ${C.name}: it was edited after it was applied, so its down() may not undo what was applied`);
  assert.match(err.hint ?? '', new RegExp(`stamp ${C.name} and downgrade again$`));
  const editedA = applied(A, B, C).map((a) => (a.name === A.name ? { ...a, checksum: 'sum-before-the-edit' } : a));
  assert.deepEqual(names(plan(undefined, undefined, buildHistory(local(A, B, C), editedA)).steps), [C.name]);
});

test('reverts in timestamp order even after an out-of-order apply', () => {
  const view = buildHistory(local(A, B, C), applied(A, C, B));
  assert.deepEqual(names(planDowngrade(view, parseDowngradeTarget('-2')).steps), [C.name, B.name]);
});

test('target parsing rejects mixed or forward targets', () => {
  assert.equal(failure(() => parseDowngradeTarget('-1', 2)).code, 'usage');
  assert.equal(failure(() => parseDowngradeTarget('+1')).code, 'usage');
  assert.equal(failure(() => parseDowngradeTarget(undefined, 0)).code, 'usage');
});
