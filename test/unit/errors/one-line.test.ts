import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';

test('the message and the hint make one sentence each on one line', () => {
  assert.equal(new DbManageError('usage', 'bad thing', { hint: 'Do this' }).oneLine, 'bad thing. Do this');
  assert.equal(new DbManageError('usage', 'first\n  second', { hint: 'Do\nthis' }).oneLine, 'first second. Do this');
  assert.equal(new DbManageError('usage', 'no hint').oneLine, 'no hint');
});

test('a message that ends its own sentence gets no second full stop (found by the bad-input fault check)', () => {
  const e = new DbManageError('source-load-failed', 'cannot load x.ts: x.ts:1:21: Expression expected.', { hint: 'Fix the syntax error' });
  assert.equal(e.oneLine, 'cannot load x.ts: x.ts:1:21: Expression expected. Fix the syntax error');
  assert.equal(new DbManageError('usage', 'really?', { hint: 'Yes' }).oneLine, 'really? Yes');
});
