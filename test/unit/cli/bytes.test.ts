import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes } from '../../../src/cli/output/bytes';

test('sizes read as people expect', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(999), '999 B');
  assert.equal(formatBytes(1000), '1.0 kB');
  assert.equal(formatBytes(7_553_539), '7.6 MB');
  assert.equal(formatBytes(512_000_000), '512 MB');
});
