import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXIT_STATUS } from '../../../src/engine/errors/error-codes';

test('every code maps to a non-zero exit status, usage to 2', () => {
  for (const [code, status] of Object.entries(EXIT_STATUS)) assert.ok(status > 0, code);
  assert.equal(EXIT_STATUS.usage, 2);
});
