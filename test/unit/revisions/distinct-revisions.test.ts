import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { assertDistinctRevisions } from '../../../src/engine/revisions/distinct-revisions';
import { A, B } from './fixtures';

test('distinct migrations pass', () => {
  assert.doesNotThrow(() => assertDistinctRevisions([A, B]));
});

test('two migrations with one timestamp are a history conflict', () => {
  const twin = { name: 'AddEmail1700000000002', timestamp: B.timestamp };
  assert.throws(
    () => assertDistinctRevisions([A, B, twin]),
    (err: unknown) =>
      err instanceof DbManageError &&
      err.code === 'history-conflict' &&
      err.message === `${B.name} and ${twin.name} have the same timestamp 1700000000002`,
  );
});

test('two migrations with one name are a history conflict', () => {
  assert.throws(() => assertDistinctRevisions([A, A]), (err: unknown) => err instanceof DbManageError && err.code === 'history-conflict');
});
