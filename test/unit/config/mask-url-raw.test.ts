import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskUrl } from '../../../src/engine/config/mask-url';

test('a password typed unencoded is masked up to the last @ (found by the secrets fault check)', () => {
  assert.equal(
    maskUrl('cannot connect to postgres://app:Sx7@Qm9/Lp2#Wz4:Kd@127.0.0.1:5432/app: unknown host'),
    'cannot connect to postgres://app:***@127.0.0.1:5432/app: unknown host',
  );
  assert.equal(maskUrl('postgres://user@server:pw@db.example.com/app'), 'postgres://user@server:***@db.example.com/app');
});

test('the user name alone, an empty password and no user info are left as they are', () => {
  assert.equal(maskUrl('postgres://postgres@127.0.0.1:5432/db'), 'postgres://postgres@127.0.0.1:5432/db');
  assert.equal(maskUrl('postgres://app:@h/d'), 'postgres://app:@h/d');
  assert.equal(maskUrl('postgres://h:5432/d'), 'postgres://h:5432/d');
  assert.equal(maskUrl('postgres://'), 'postgres://');
});

test('a URL ends at whitespace or a quote, so JSON around it survives', () => {
  assert.equal(maskUrl('{"url":"postgres://a:pw@h/d","to":"x@y"}'), '{"url":"postgres://a:***@h/d","to":"x@y"}');
  assert.equal(maskUrl('postgres://a:p1@h/d and postgresql://b:p2@h2/d'), 'postgres://a:***@h/d and postgresql://b:***@h2/d');
});
