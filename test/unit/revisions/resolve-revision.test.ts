import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { nearNames } from '../../../src/engine/revisions/near-names';
import { resolveRevision } from '../../../src/engine/revisions/resolve-revision';
import { A, B, C, D } from './fixtures';

const all = [A, B, C, D];

function failure(fn: () => unknown): DbManageError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof DbManageError, String(err));
    return err;
  }
  assert.fail('expected an error');
}

test('finds a migration by exact name, timestamp or file name', () => {
  assert.equal(resolveRevision(all, B.name), B);
  assert.equal(resolveRevision(all, '1700000000003'), C);
  assert.equal(resolveRevision(all, '1700000000004-AddPostIndex'), D);
  assert.equal(resolveRevision(all, '1700000000004-AddPostIndex.ts'), D);
});

test('finds a migration by a unique prefix, ignoring case', () => {
  assert.equal(resolveRevision(all, 'addphone'), B);
  assert.equal(resolveRevision(all, 'AddPostI'), D);
  assert.equal(resolveRevision(all, 'Create'), A);
});

test('an exact name wins over a prefix of a longer one', () => {
  const short = { name: 'Add1700000000005', timestamp: 1700000000005 };
  const long = { name: 'Add1700000000005Extra', timestamp: 1700000000006 };
  assert.equal(resolveRevision([short, long], 'Add1700000000005'), short);
});

test('an ambiguous prefix lists its matches', () => {
  const err = failure(() => resolveRevision(all, 'AddP'));
  assert.equal(err.code, 'revision-ambiguous');
  assert.equal(err.message, `"AddP" matches 3 migrations: ${B.name}, ${C.name}, ${D.name}`);
  assert.deepEqual(err.details.matches, [B.name, C.name, D.name]);
});

test('a timestamp prefix shared by all is ambiguous', () => {
  assert.equal(failure(() => resolveRevision(all, '17000')).code, 'revision-ambiguous');
});

test('an unknown revision suggests near names', () => {
  const err = failure(() => resolveRevision(all, 'AddPhnoe'));
  assert.equal(err.code, 'revision-not-found');
  assert.equal(err.message, `no migration matches "AddPhnoe" (did you mean ${B.name}?)`);
  assert.deepEqual(err.details.candidates, [B.name]);
});

test('with nothing near, lists the newest migrations', () => {
  const err = failure(() => resolveRevision(all, 'zzzzzzzz'));
  assert.match(err.message, new RegExp(`; the newest are ${D.name}, ${C.name}`));
});

test('with no migrations at all, says so', () => {
  assert.equal(failure(() => resolveRevision([], 'x')).message, 'no migration matches "x"; there are no migrations');
});

test('nearNames ranks containment before edit distance', () => {
  assert.deepEqual(nearNames('post', [A.name, C.name, D.name]), [D.name, C.name]);
  assert.deepEqual(nearNames('CreatUsers', [A.name, B.name]), [A.name]);
});
