import assert from 'node:assert/strict';
import { test } from 'node:test';
import { qualifiedName, quoteIdent, quoteLiteral } from '../../../src/engine/safety/identifiers';

test('identifiers are always double-quoted, embedded quotes doubled', () => {
  assert.equal(quoteIdent('users'), '"users"');
  assert.equal(quoteIdent('Users'), '"Users"');
  assert.equal(quoteIdent('users"; drop table x; --'), '"users""; drop table x; --"');
  assert.equal(qualifiedName('analytics', 'page_views'), '"analytics"."page_views"');
});

test('an empty name or a NUL is refused rather than quoted', () => {
  assert.throws(() => quoteIdent(''), TypeError);
  assert.throws(() => quoteIdent('a\u0000b'), TypeError);
});

test('literals double their single quotes', () => {
  assert.equal(quoteLiteral("it's"), "'it''s'");
});
