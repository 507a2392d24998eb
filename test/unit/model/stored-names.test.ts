import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { MAX_IDENTIFIER_BYTES, objectName, storedName, storeNames, withSuffix } from '../../../src/engine/model/stored-names';
import { column, table } from '../diff/models';

/** Characters of every UTF-8 width: ASCII, Greek/Cyrillic (2), CJK/Hangul (3), emoji (4). */
const ALPHABET = ['a', 'Z', '_', '7', 'λ', 'ж', 'é', '漢', '字', '한', 'ア', '🚚', '😀', '𝔘'];
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function randomName(seed: number): string {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s);
  const length = 1 + (next() % 60);
  return Array.from({ length }, () => ALPHABET[next() % ALPHABET.length]).join('');
}

test('storedName keeps the longest whole-character prefix of at most 63 bytes (500 generated names)', () => {
  for (let seed = 1; seed <= 500; seed++) {
    const name = randomName(seed);
    const stored = storedName(name);
    assert.ok(name.startsWith(stored), `seed ${seed}: a prefix`);
    assert.ok(bytes(stored) <= MAX_IDENTIFIER_BYTES, `seed ${seed}: fits`);
    if (stored !== name) {
      const next = [...name][[...stored].length];
      assert.ok(bytes(stored) + bytes(next) > MAX_IDENTIFIER_BYTES, `seed ${seed}: nothing more would fit`);
    } else assert.ok(bytes(name) <= MAX_IDENTIFIER_BYTES);
    assert.equal(storedName(stored), stored, 'stable');
  }
});

test('withSuffix and objectName stay within 63 bytes and keep their suffix', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const a = randomName(seed);
    const b = randomName(seed + 1000);
    assert.ok(withSuffix(a, '_old').endsWith('_old') && bytes(withSuffix(a, '_old')) <= MAX_IDENTIFIER_BYTES);
    const seq = objectName(a, b, 'seq');
    assert.ok(seq.endsWith('_seq') && bytes(seq) <= MAX_IDENTIFIER_BYTES, `seed ${seed}`);
  }
});

test('storeNames renames every reference, including enum types and foreign-key targets', () => {
  const longTable = 'ιστορικό_κινήσεων_αποθήκης_ανά_ημέρα_και_προϊόν'; // 86 bytes
  const longEnum = 'warehouse_movement_direction_as_reported_by_the_scanner_firmware';
  const t = table('public', longTable, {
    columns: [column('id', 'integer'), column('direction', `"public"."${longEnum}"`)],
    primaryKey: { name: 'PK_x', columns: ['id'] },
    foreignKeys: [],
  });
  const child = table('public', 'scans', {
    foreignKeys: [{ name: 'FK_scan', columns: ['id'], referencedSchema: 'public', referencedTable: longTable, referencedColumns: ['id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION', deferrable: null }],
  });
  const out = storeNames([t, child], [{ schema: 'public', name: longEnum, values: ['in', 'out'] }]);
  assert.equal(out.tables[0].name, storedName(longTable));
  assert.equal(out.tables[0].columns[1].type, `"public"."${storedName(longEnum)}"`);
  assert.equal(out.tables[1].foreignKeys[0].referencedTable, storedName(longTable));
  assert.deepEqual(out.enums.map((e) => e.name), [storedName(longEnum)]);
  assert.deepEqual(out.shortened.map((s) => s.kind).sort(), ['enum', 'table']);
});

test('two names that PostgreSQL would store as one are refused, naming both', () => {
  const prefix = 'ορισμός_'.repeat(5); // 75 bytes: both names below share their first 63
  const t = table('public', 'readings', { columns: [column('id', 'integer'), column(`${prefix}α`, 'text'), column(`${prefix}β`, 'text')] });
  assert.throws(
    () => storeNames([t], []),
    (e: unknown) => e instanceof DbManageError && e.code === 'config-invalid' && e.message.includes(`${prefix}α`) && e.message.includes(`${prefix}β`),
  );
  // A long table and the enum TypeORM derives from it (`<table>_<column>_enum`) share a row-type name.
  const longTable = '倉庫の在庫移動履歴を日付と商品ごとに記録する表'; // 69 bytes
  const enumName = `${longTable}_状態_enum`;
  const withEnum = table('public', longTable, { columns: [column('id', 'integer'), column('状態', `"public"."${enumName}"`)] });
  assert.throws(() => storeNames([withEnum], [{ schema: 'public', name: enumName, values: ['a'] }]), /enum "倉庫.*" and table "倉庫.*" in schema public both become/);
});
