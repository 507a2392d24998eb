import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { qualify, quoteIdent, quoteLiteral, unquoteLiteral } from '../../../src/engine/sql/quote';
import { randomText } from '../../support/random-text';

test('identifiers are always double-quoted, embedded quotes doubled', () => {
  assert.equal(quoteIdent('orders'), '"orders"');
  assert.equal(quoteIdent('Orders'), '"Orders"');
  assert.equal(quoteIdent('x"; drop schema s; --'), '"x""; drop schema s; --"');
  assert.equal(qualify('billing', 'Line Items'), '"billing"."Line Items"');
});

test('an empty name or a NUL is refused with a config error, not quoted', () => {
  for (const bad of ['', 'ab\u0000c']) {
    assert.throws(() => quoteIdent(bad), (e: unknown) => e instanceof DbManageError && e.code === 'config-invalid');
  }
  assert.throws(() => quoteLiteral('x\u0000'), (e: unknown) => e instanceof DbManageError && e.code === 'config-invalid');
});

test('text without a backslash or line break is a plain literal, as TypeORM writes it', () => {
  assert.equal(quoteLiteral("o'clock"), "'o''clock'");
  assert.equal(quoteLiteral(''), "''");
});

test('a backslash or a line break makes an E literal: the same text under either string setting', () => {
  assert.equal(quoteLiteral("\\'; DROP TABLE t; --"), "E'\\\\''; DROP TABLE t; --'");
  assert.equal(quoteLiteral('one\ntwo'), "E'one\\ntwo'");
  assert.equal(quoteLiteral('c:\\tmp\r\n'), "E'c:\\\\tmp\\r\\n'");
});

test('no generated literal holds a raw line break, and every one reads back to its text', () => {
  for (let seed = 1; seed <= 2000; seed++) {
    const text = randomText(seed);
    const literal = quoteLiteral(text);
    assert.ok(!/[\n\r]/.test(literal), `seed ${seed}: ${literal}`);
    assert.equal(unquoteLiteral(literal), text, `seed ${seed}`);
  }
});

test("a '…' literal printed by a server with standard_conforming_strings off reads back too", () => {
  // pg_get_expr doubles both quotes and backslashes there.
  assert.equal(unquoteLiteral("'a\\\\b''c'", true), "a\\b'c");
  assert.equal(unquoteLiteral("'a\\\\b''c'"), "a\\\\b'c");
  assert.equal(unquoteLiteral('not a literal'), null);
});
