import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { describeBlocker, isLockTimeout, lockTimeoutError, type BlockingSession } from '../../../src/engine/reset/lock-blocker';
import { durationMs } from '../../../src/engine/reset/bounded-session';

const app: BlockingSession = {
  pid: 31337,
  application: 'billing worker',
  user: 'billing',
  state: 'idle in transaction',
  queryStart: new Date('2026-11-29T08:15:02Z'),
  xactStart: new Date('2026-11-29T08:14:59Z'),
  query: 'UPDATE invoices SET paid = true WHERE id = $1',
};

test('the blocking session is named on one line: pid, application, state and since when', () => {
  assert.equal(
    describeBlocker(app),
    'session 31337 (application "billing worker", user billing, idle in transaction since 08:15:02 UTC, transaction open since 08:14:59 UTC, last query: UPDATE invoices SET paid = true WHERE id = $1)',
  );
  const err = lockTimeoutError('reset-schema', '2s', [app, { ...app, pid: 4 }], null);
  assert.equal(err.code, 'lock-timeout');
  assert.ok(!err.oneLine.includes('\n'));
  assert.match(err.oneLine, /^reset-schema gave up after waiting 2s for a lock held by session 31337 .* and 1 more\. Commit or end it \(SELECT pg_terminate_backend\(31337\)\), or wait longer with --lock-timeout .*Nothing was changed$/);
  assert.match(lockTimeoutError('reset', '5s', [], null).oneLine, /held by another session \(it let go before it could be named\)\. Try again/);
});

test('a lock timeout is recognised however it is wrapped', () => {
  const pg = Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });
  assert.ok(isLockTimeout(pg));
  assert.ok(isLockTimeout({ driverError: pg }));
  assert.ok(isLockTimeout(new DbManageError('migration-failed', 'x', { cause: { driverError: pg } })));
  assert.ok(!isLockTimeout(Object.assign(new Error('deadlock'), { code: '40P01' })));
  assert.ok(!isLockTimeout(undefined));
});

test('durations as resolveLockTimeout writes them', () => {
  assert.equal(durationMs('700ms'), 700);
  assert.equal(durationMs('2s'), 2000);
  assert.equal(durationMs('1.5min'), 90_000);
});
