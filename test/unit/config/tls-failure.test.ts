import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectError, isTlsFailure } from '../../../src/engine/connection/connect-error';

const url = 'postgres://app:secret@127.0.0.1:5432/app';

test('SSL failures are connection failures, not a broken project (found by the bad-input fault check)', () => {
  const noSsl = new Error('The server does not support SSL connections');
  assert.ok(isTlsFailure(noSsl));
  const err = connectError(url, noSsl, 'external');
  assert.equal(err.code, 'connection-failed');
  assert.match(err.oneLine, /does not support SSL connections\. The server has SSL turned off: remove sslmode/);
  assert.ok(!err.oneLine.includes('secret'));
});

test('certificate errors from node\'s TLS layer are recognised by their code or message', () => {
  assert.ok(isTlsFailure(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })));
  assert.ok(isTlsFailure(Object.assign(new Error('x'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' })));
  assert.equal(connectError(url, Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'external').code, 'connection-failed');
  assert.ok(!isTlsFailure(new Error('relation "users" does not exist')));
});
