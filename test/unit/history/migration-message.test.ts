import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrationMessage } from '../../../src/engine/history/migration-message';

test('turns a migration class name back into its message', () => {
  assert.equal(migrationMessage('AddPhone1732200000000'), 'Add phone');
  assert.equal(migrationMessage('InitialMigration1795293762642'), 'Initial migration');
  assert.equal(migrationMessage('AddURLToPosts1732200000000'), 'Add URL to posts');
  assert.equal(migrationMessage('add_index_1732200000000'), 'add index');
  assert.equal(migrationMessage('1732200000000'), '1732200000000');
});
