import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertValidUrl, connectError } from '../../../src/engine/connection/connect-error';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { exitStatusFor } from '../../../src/engine/errors/error-codes';

const url = 'postgres://app:secret@127.0.0.1:5999/app';

test('connection refused names the masked URL and what to do', () => {
  const err = connectError(url, Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'external');
  assert.equal(
    err.oneLine,
    'cannot connect to postgres://app:***@127.0.0.1:5999/app: connection refused. Is the server running? Unset DATABASE_URL to use the embedded server.',
  );
  assert.equal(err.code, 'connection-failed');
  assert.ok(!err.oneLine.includes('secret'));
});

test('wrong password and missing database get their own codes', () => {
  assert.equal(connectError(url, { code: '28P01' }, 'external').code, 'auth-failed');
  const missing = connectError(url, { code: '3D000' }, 'external');
  assert.equal(missing.code, 'database-missing');
  assert.match(missing.oneLine, /database "app" does not exist/);
  assert.equal(exitStatusFor(missing.code), 4);
});

test('malformed URLs are rejected before connecting', () => {
  assert.throws(() => assertValidUrl('not a url'), (e: unknown) => e instanceof DbManageError && e.code === 'config-invalid');
  assert.throws(() => assertValidUrl('mysql://root@127.0.0.1/x'), /must start with postgres/);
  assert.doesNotThrow(() => assertValidUrl('postgresql://u@h:1/d'));
});
