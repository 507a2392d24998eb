import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noun, plural } from '../../../src/engine/text/plural';

test('one is singular; zero and many are plural; irregular plurals are passed', () => {
  assert.deepEqual([0, 1, 2, 21].map((n) => plural(n, 'table')), ['0 tables', '1 table', '2 tables', '21 tables']);
  assert.equal(plural(1, 'entity', 'entities'), '1 entity');
  assert.equal(plural(3, 'entity', 'entities'), '3 entities');
  assert.equal(noun(2, 'is', 'are'), 'are');
});
