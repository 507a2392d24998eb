import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildHistory } from '../../../src/engine/revisions/build-history';
import { A, B, C, D, applied, local } from './fixtures';

test('joins local and applied migrations in timestamp order', () => {
  const view = buildHistory(local(C, A, B), applied(A));
  assert.deepEqual(
    view.entries.map((e) => [e.name, e.state, e.flags]),
    [
      [A.name, 'applied', []],
      [B.name, 'pending', []],
      [C.name, 'pending', []],
    ],
  );
  assert.deepEqual(view.head, A);
  assert.deepEqual(view.issues, []);
});

test('an empty project and database has no head', () => {
  const view = buildHistory([], []);
  assert.deepEqual(view, { entries: [], head: null, issues: [] });
});

test('flags an applied migration whose file is gone', () => {
  const view = buildHistory(local(A), applied(A, B));
  assert.deepEqual(view.entries[1].flags, ['missing']);
  assert.deepEqual(view.issues, [{ kind: 'missing', name: B.name, message: `${B.name} is applied but its migration file is missing` }]);
});

test('flags an applied migration whose file changed', () => {
  const edited = local(A, B).map((m) => (m.name === A.name ? { ...m, checksum: 'other' } : m));
  const view = buildHistory(edited, applied(A, B));
  assert.deepEqual(view.entries[0].flags, ['edited']);
  assert.equal(view.issues[0].kind, 'edited');
});

test('a row without a recorded checksum is unverified, not an issue', () => {
  const view = buildHistory(local(A), [{ ...A, checksum: null, appliedAt: null }]);
  assert.deepEqual(view.entries[0].flags, ['unverified']);
  assert.deepEqual(view.issues, []);
});

test('a file whose source is unknown is not called edited', () => {
  const view = buildHistory([{ ...A, checksum: null }], applied(A));
  assert.deepEqual(view.entries[0].flags, []);
});

test('flags a pending migration older than the applied head', () => {
  const view = buildHistory(local(A, B, C, D), applied(A, C));
  assert.deepEqual(view.entries.map((e) => e.flags), [[], ['out-of-order'], [], []]);
  assert.deepEqual(view.head, C);
  assert.equal(view.issues[0].message, `${B.name} is pending but older than the applied head ${C.name}`);
});
