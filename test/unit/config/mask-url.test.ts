import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskUrl, passwordOf, redactSecrets } from '../../../src/engine/config/mask-url';

test('masks the password of every postgres URL in a text', () => {
  assert.equal(
    maskUrl('cannot connect to postgres://app:s3cr%40t@127.0.0.1:5999/app and postgresql://u:p@h/d'),
    'cannot connect to postgres://app:***@127.0.0.1:5999/app and postgresql://u:***@h/d',
  );
  assert.equal(maskUrl('postgres://postgres@127.0.0.1:5432/postgres'), 'postgres://postgres@127.0.0.1:5432/postgres');
});

test('redacts a known secret wherever it appears', () => {
  assert.equal(redactSecrets('password hunter22 leaked', ['hunter22']), 'password *** leaked');
});

test('passwordOf decodes the password', () => {
  assert.equal(passwordOf('postgres://a:s3cr%40t@h/d'), 's3cr@t');
  assert.equal(passwordOf('postgres://a@h/d'), undefined);
  assert.equal(passwordOf('not a url'), undefined);
});
