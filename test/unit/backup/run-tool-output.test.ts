import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTool } from '../../../src/engine/backup/run-tool';
import type { PgTool } from '../../../src/engine/backup/pg-tool';

// A stand-in program that fails as pg_dump does; the classification is what is tested.
const tool: PgTool = { name: 'pg_dump', path: '/bin/sh', version: '17.0', major: 17 };
const failing = (message: string) => runTool(tool, ['-c', `echo "${message}" >&2; exit 1`], {});

test('pg_dump that cannot write its file is io-failed, not a broken tool (found by the bad-input fault check)', async () => {
  await assert.rejects(failing('pg_dump: error: could not write to output file: No space left on device'), (e: { code: string; message: string }) => {
    assert.equal(e.code, 'io-failed');
    assert.match(e.message, /No space left on device/);
    return true;
  });
  await assert.rejects(failing('pg_dump: error: could not open output file \\"/ro/x.dump.partial\\": Read-only file system'), { code: 'io-failed' });
});

test('any other failure stays tool-failed', async () => {
  await assert.rejects(failing('pg_dump: error: query failed: ERROR:  permission denied for table users'), { code: 'tool-failed' });
});
