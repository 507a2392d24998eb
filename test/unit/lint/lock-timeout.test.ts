import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { classify } from '../../../src/engine/lint/sql/classify';
import { DEFAULT_LOCK_TIMEOUT, lockTimeoutStatement, resolveLockTimeout } from '../../../src/engine/lint/lock-timeout';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';
import { scratchDir } from '../../support/scratch-dir';

before(loadSqlParser);

describe('lock timeout configuration', () => {
  test('defaults to 5s', () => {
    assert.equal(DEFAULT_LOCK_TIMEOUT, '5s');
    assert.equal(resolveLockTimeout({ env: {} }), '5s');
    assert.equal(resolveLockTimeout({ env: { DB_MANAGE_LOCK_TIMEOUT: '' } }), '5s');
  });

  test('an option wins over the environment, which wins over .env', () => {
    const dir = scratchDir('dbm-lock-');
    writeFileSync(join(dir, '.env'), 'DB_MANAGE_LOCK_TIMEOUT=1min\n');
    assert.equal(resolveLockTimeout({ env: {}, cwd: dir }), '1min');
    assert.equal(resolveLockTimeout({ env: { DB_MANAGE_LOCK_TIMEOUT: '2s' }, cwd: dir }), '2s');
    assert.equal(resolveLockTimeout({ value: '750', env: { DB_MANAGE_LOCK_TIMEOUT: '2s' } }), '750ms');
    // An API caller's env object with the key present but undefined does not hide .env.
    assert.equal(resolveLockTimeout({ env: { DB_MANAGE_LOCK_TIMEOUT: undefined }, cwd: dir }), '1min');
  });

  test('refuses zero and nonsense with a config error', () => {
    for (const value of ['0', '0s', 'soon', '5 parsecs', '-1s']) {
      assert.throws(() => resolveLockTimeout({ value }), (e: unknown) => e instanceof DbManageError && e.code === 'config-invalid', value);
    }
  });

  test('the generated statement fits the transaction mode and is what the rule accepts', () => {
    assert.equal(lockTimeoutStatement('5s', { transaction: true }), `SET LOCAL lock_timeout = '5s'`);
    assert.equal(lockTimeoutStatement('5s', { transaction: false }), `SET lock_timeout = '5s'`);
    const [s] = classify(lockTimeoutStatement('500ms', { transaction: true })).statements;
    assert.deepEqual(s.shape, { kind: 'set', name: 'lock_timeout', value: '500ms', local: true });
  });
});
