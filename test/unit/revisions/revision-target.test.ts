import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { givenTarget, parseDowngradeTarget, parseStampTarget, parseUpgradeTarget } from '../../../src/engine/revisions/revision-target';

const usage = (command: string) => (e: unknown) => e instanceof DbManageError && e.code === 'usage' && e.message === `${command} was given an empty target`;

test('an empty or blank target is refused by every parser alike, not read as the default', () => {
  for (const blank of ['', ' ', '\t\n', '\u00a0']) {
    assert.throws(() => parseUpgradeTarget(blank), usage('upgrade'), JSON.stringify(blank));
    assert.throws(() => parseDowngradeTarget(blank), usage('downgrade'));
    assert.throws(() => parseDowngradeTarget(blank, 2), usage('downgrade'));
    assert.throws(() => parseStampTarget(blank), usage('stamp'));
    assert.throws(() => givenTarget('lint', blank), usage('lint'));
  }
});

test('a target left out still means the default; a given one is trimmed', () => {
  assert.deepEqual(parseUpgradeTarget(undefined), { kind: 'head' });
  assert.deepEqual(parseDowngradeTarget(undefined), { kind: 'relative', steps: 1 });
  assert.deepEqual(parseDowngradeTarget(undefined, 3), { kind: 'relative', steps: 3 });
  assert.deepEqual(parseUpgradeTarget(' +2 '), { kind: 'relative', steps: 2 });
  assert.equal(givenTarget('lint', undefined), undefined);
  assert.equal(givenTarget('lint', ' AddPhone '), 'AddPhone');
});
