import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import {
  assertSnapshotName,
  autoSnapshotName,
  defaultSnapshotName,
  parseSnapshotLabel,
  snapshotDatabaseName,
  snapshotLabel,
  snapshotNameOf,
  snapshotPrefix,
  snapshotsToPrune,
} from '../../../src/engine/snapshot/snapshot-name';

const at = new Date('2025-01-31T14:25:01.123Z');

test('snapshot databases are recognisable: source, a hash, then the name', () => {
  assert.match(snapshotDatabaseName('db_manage', 'before-reset'), /^db_manage__snap_[0-9a-f]{6}__before-reset$/);
});

test('two databases never share snapshots, even with a long common prefix', () => {
  const a = 'myproject_development_one';
  const b = 'myproject_development_two';
  assert.notEqual(snapshotPrefix(a), snapshotPrefix(b));
  assert.equal(snapshotNameOf(a, snapshotDatabaseName(a, 'x')), 'x');
  assert.equal(snapshotNameOf(b, snapshotDatabaseName(a, 'x')), null);
  assert.equal(snapshotNameOf(a, a), null);
});

test('the longest source and name still fit PostgreSQL identifiers', () => {
  const name = snapshotDatabaseName('x'.repeat(63), 'n'.repeat(36));
  assert.ok(Buffer.byteLength(name) <= 63, name);
});

test('names are checked before any SQL sees them', () => {
  for (const ok of ['first', 'snap-20250131-142501', 'a_b', '0']) assert.doesNotThrow(() => assertSnapshotName(ok));
  for (const bad of ['', 'Upper', 'x; drop database y', '-lead', 'a b', 'n'.repeat(37), 'quote"d']) {
    assert.throws(() => assertSnapshotName(bad), (e: unknown) => e instanceof DbManageError && e.code === 'usage', bad);
  }
});

test('default and automatic names carry the UTC time and the reason', () => {
  assert.equal(defaultSnapshotName(at), 'snap-20250131-142501');
  assert.equal(autoSnapshotName('reset-table', at), 'auto-20250131-142501-reset-table');
  assert.equal(autoSnapshotName('restore-backup', at), 'auto-20250131-142501-restore-backup');
  assert.ok(autoSnapshotName('restore-backup-with-a-long-reason', at).length <= 36);
  assert.doesNotThrow(() => assertSnapshotName(autoSnapshotName('restore-backup-with-a-long-reason', at)));
});

test('labels round-trip and foreign comments are ignored', () => {
  const label = snapshotLabel('app', 'first', at);
  assert.deepEqual(parseSnapshotLabel(JSON.stringify(label)), label);
  assert.equal(parseSnapshotLabel(null), null);
  assert.equal(parseSnapshotLabel('the production copy'), null);
  assert.equal(parseSnapshotLabel('{"tool":"other","source":"a","name":"b","createdAt":"2025-01-01"}'), null);
});

test('pruning keeps the newest five automatic snapshots and every manual one', () => {
  const entries = [
    ...Array.from({ length: 7 }, (_, i) => ({ name: `auto-2025010${i + 1}-000000-reset`, createdAt: `2025-01-0${i + 1}T00:00:00.000Z` })),
    { name: 'mine', createdAt: '2024-01-01T00:00:00.000Z' },
    { name: 'undated', createdAt: null },
  ];
  assert.deepEqual(
    snapshotsToPrune(entries).map((e) => e.name),
    ['auto-20250101-000000-reset', 'auto-20250102-000000-reset'],
  );
  assert.deepEqual(snapshotsToPrune(entries.slice(0, 5)), []);
  assert.deepEqual(snapshotsToPrune(entries, 6).map((e) => e.name), ['auto-20250101-000000-reset']);
});
