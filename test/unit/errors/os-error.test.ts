import assert from 'node:assert/strict';
import { openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exitStatusFor } from '../../../src/engine/errors/error-codes';
import { typedError } from '../../../src/engine/errors/os-error';
import { seededRandom } from '../../support/fault-trials';
import { scratchDir } from '../../support/scratch-dir';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

test('real file-system errors become io-failed lines that name the path and what to do', () => {
  const dir = scratchDir('dbm-oserr-');
  const random = seededRandom(7);
  // A name of 256–400 bytes, made of random letters: longer than any file system allows.
  const long = Array.from({ length: 256 + Math.floor(random() * 145) }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
  const cases: [string, () => unknown, RegExp][] = [
    ['ENAMETOOLONG', () => writeFileSync(join(dir, long), 'x'), /file name too long/],
    ['ENOTDIR', () => openSync(join(dir, 'file', 'below'), 'w'), /not a folder/],
    ['EISDIR', () => writeFileSync(dir, 'x'), /is a folder/],
  ];
  writeFileSync(join(dir, 'file'), '');
  for (const [code, fn, reason] of cases) {
    const err = typedError(thrown(fn));
    assert.ok(err, code);
    assert.equal(err.code, 'io-failed');
    assert.equal(exitStatusFor(err.code), 11);
    assert.match(err.oneLine, reason);
    assert.ok(err.oneLine.includes(dir), err.oneLine);
    assert.equal(err.oneLine.split('\n').length, 1);
  }
});

test('errno shapes that need a privilege or a full disk (EACCES, EROFS, ENOSPC) are typed the same way', () => {
  for (const code of ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']) {
    const err = typedError(Object.assign(new Error(`${code}: x, open '/p/q'`), { code, syscall: 'open', path: '/p/q' }));
    assert.equal(err?.code, 'io-failed', code);
    assert.match(String(err?.oneLine), /^cannot open \/p\/q: /);
  }
});

test('a connection dropped mid-command is connection-failed, whichever way it dropped', () => {
  const shapes = [
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    new Error('Connection terminated unexpectedly'),
    Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' }),
    { message: 'Query failed', driverError: { code: '57P01', message: 'terminating connection due to administrator command' } },
  ];
  for (const shape of shapes) {
    const err = typedError(shape);
    assert.equal(err?.code, 'connection-failed', JSON.stringify(shape));
    assert.match(String(err?.oneLine), /lost the connection to the database during the command/);
  }
});

test('out of shared memory names max_locks_per_transaction; an unknown error stays untyped', () => {
  const err = typedError(Object.assign(new Error('out of shared memory'), { code: '53200' }));
  assert.equal(err?.code, 'server-failed');
  assert.match(String(err?.oneLine), /max_locks_per_transaction.*--transaction each/);
  assert.equal(typedError(new TypeError('undefined is not a function')), null);
});
