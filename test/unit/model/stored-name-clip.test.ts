import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveTable } from '../../../src/engine/safety/resolve-name';
import { managedObjects } from '../../../src/engine/safety/managed-objects';
import { MAX_IDENTIFIER_BYTES as MAX_NAME_BYTES, storedName } from '../../../src/engine/model/stored-names';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';

/** A small seeded generator (mulberry32), so a failure names its seed and repeats. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['a', 'Z', '_', ' ', '.', '"', 'é', 'ß', '表', '€', '𝄞', '9'];

test('storedName keeps at most 63 bytes, never splits a character, and leaves short names alone', () => {
  const next = random(0x5eed);
  for (let i = 0; i < 500; i++) {
    const length = 1 + Math.floor(next() * 80);
    const name = Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
    const stored = storedName(name);
    const bytes = Buffer.byteLength(stored, 'utf8');
    assert.ok(bytes <= MAX_NAME_BYTES, name);
    assert.ok(name.startsWith(stored), name);
    assert.ok(!stored.includes('\ufffd'), name);
    if (Buffer.byteLength(name, 'utf8') <= MAX_NAME_BYTES) assert.equal(stored, name);
    // As long as possible: one more character would not fit.
    else assert.ok(Buffer.byteLength(name.slice(0, [...stored].join('').length + ([...name.slice(stored.length)][0]?.length ?? 0)), 'utf8') > MAX_NAME_BYTES, name);
  }
  assert.equal(storedName('é'.repeat(40)), 'é'.repeat(31));
});

test('entities with names over 63 bytes are managed under the names PostgreSQL stores', () => {
  const table = `event_log_${'x'.repeat(70)}`;
  const found = managedObjects([{ tableName: table, tableType: 'regular', columns: [{ databaseName: 'status', type: 'enum' }] }]);
  assert.deepEqual(found.tables, [{ schema: 'public', table: storedName(table) }]);
  assert.deepEqual(found.enums, [{ schema: 'public', name: storedName(`${table}_status_enum`) }]);
  // The declared name, typed in full, finds it; so does the stored one.
  assert.deepEqual(resolveTable(table, found.tables), found.tables[0]);
  assert.deepEqual(resolveTable(`public.${table}`, found.tables), found.tables[0]);
  assert.deepEqual(resolveTable(storedName(table), found.tables), found.tables[0]);
});

test('dotted names: "shop"."orders.old" and "shop.orders"."old" are told apart, never guessed', () => {
  const tables = [{ schema: 'shop', table: 'orders.old' }, { schema: 'shop.orders', table: 'old' }];
  assert.throws(() => resolveTable('shop.orders.old', tables), (e: unknown) => {
    assert.ok(e instanceof DbManageError && e.code === 'name-ambiguous');
    assert.match(e.oneLine, /"shop"\."orders\.old", "shop\.orders"\."old".*Name it in quotes/);
    return true;
  });
  assert.deepEqual(resolveTable('"shop"."orders.old"', tables), tables[0]);
  assert.deepEqual(resolveTable('"shop.orders"."old"', tables), tables[1]);
  assert.deepEqual(resolveTable('"we""ird"."t"', [{ schema: 'we"ird', table: 't' }]), { schema: 'we"ird', table: 't' });
});
