import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseSource, sourceChecksum } from '../../../src/engine/revisions/source-checksum';

const text = 'export class A1700000000001 {\n  up() {}\n}\n';

test('line endings, a BOM and trailing blank lines do not change the checksum', () => {
  const sum = sourceChecksum(text);
  assert.equal(sourceChecksum(text.replace(/\n/g, '\r\n')), sum);
  assert.equal(sourceChecksum(text.replace(/\n/g, '\r')), sum);
  assert.equal(sourceChecksum(`\uFEFF${text}`), sum);
  assert.equal(sourceChecksum(`${text}\n\n  \n`), sum);
  assert.equal(sourceChecksum(text.trimEnd()), sum);
});

test('any other change does', () => {
  assert.notEqual(sourceChecksum(text.replace('up() {}', 'up() { }')), sourceChecksum(text));
  assert.notEqual(sourceChecksum(`// note\n${text}`), sourceChecksum(text));
});

test('the checksum is sha256 hex of the normalised text', () => {
  assert.match(sourceChecksum(text), /^[0-9a-f]{64}$/);
  assert.equal(normaliseSource('a\r\nb\r\n\r\n'), 'a\nb\n');
});
