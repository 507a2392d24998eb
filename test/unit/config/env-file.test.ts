import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEnvFile } from '../../../src/engine/config/env-file';

test('parses keys, quotes, export and comments', () => {
  const parsed = parseEnvFile(
    ['# comment', 'DATABASE_URL=postgres://a:b@h/db', 'export X="quoted # not a comment"', "Y='single'", 'Z=plain # trailing', '', 'BAD LINE'].join('\n'),
  );
  assert.deepEqual(parsed, { DATABASE_URL: 'postgres://a:b@h/db', X: 'quoted # not a comment', Y: 'single', Z: 'plain' });
});
