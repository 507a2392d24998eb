import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { migrationName, pascalCase } from '../../../src/engine/render/migration-name';

test('PascalCase from a message', () => {
  assert.equal(pascalCase('Add phone'), 'AddPhone');
  assert.equal(pascalCase("add user's phone-number #2"), 'AddUsersPhoneNumber2');
  assert.equal(pascalCase('  café  crème '), 'CafeCreme');
});

test('file <timestamp>-<PascalCase>.ts, class <PascalCase><timestamp>', () => {
  assert.deepEqual(migrationName('Add phone', 1732200000000), { className: 'AddPhone1732200000000', fileName: '1732200000000-AddPhone.ts', timestamp: 1732200000000 });
  assert.equal(migrationName('2fa secrets', 1732200000000).className, 'Migration2faSecrets1732200000000');
});

test('an empty or symbol-only message is a usage error', () => {
  for (const message of ['', '   ', '!!!']) {
    assert.throws(() => migrationName(message, 1), (e: unknown) => e instanceof DbManageError && e.code === 'usage');
  }
});
