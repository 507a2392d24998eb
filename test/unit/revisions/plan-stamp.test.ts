import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildHistory } from '../../../src/engine/revisions/build-history';
import { planStamp } from '../../../src/engine/revisions/plan-stamp';
import { parseStampTarget } from '../../../src/engine/revisions/revision-target';
import { A, B, C, D, applied, local } from './fixtures';

const names = (refs: readonly { name: string }[]) => refs.map((r) => r.name);

test('stamp head records every pending migration without running it', () => {
  const p = planStamp(buildHistory(local(A, B, C), applied(A)), parseStampTarget('head'));
  assert.deepEqual(names(p.record), [B.name, C.name]);
  assert.deepEqual(p.remove, []);
  assert.deepEqual(p.target, C);
});

test('stamp to an older revision removes the newer rows', () => {
  const p = planStamp(buildHistory(local(A, B, C), applied(A, B, C)), parseStampTarget('Create'));
  assert.deepEqual(names(p.remove), [B.name, C.name]);
  assert.deepEqual(p.record, []);
});

test('stamp base empties the history', () => {
  const p = planStamp(buildHistory(local(A, B), applied(A, B)), parseStampTarget('base'));
  assert.deepEqual(names(p.remove), [A.name, B.name]);
  assert.equal(p.target, null);
});

test('stamp refreshes the checksum of an edited or unverified migration', () => {
  const files = local(A, B, C).map((m) => (m.name === A.name ? { ...m, checksum: 'changed' } : m));
  const rows = [...applied(A), { ...B, checksum: null, appliedAt: null }];
  const p = planStamp(buildHistory(files, rows), parseStampTarget('AddPhone'));
  assert.deepEqual(names(p.refresh), [A.name, B.name]);
  assert.deepEqual(p.record, []);
});

test('stamp forgets an applied migration whose file is gone', () => {
  const p = planStamp(buildHistory(local(A, C), applied(A, B)), parseStampTarget('Create'));
  assert.deepEqual(names(p.remove), [B.name]);
  assert.equal(planStamp(buildHistory(local(A), applied(A, D)), parseStampTarget('head')).remove[0].name, D.name);
});
