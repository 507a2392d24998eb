import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advisoryKey, familyPrefix, migrationsKey, spareName, sparePrefix, templateName, testDatabaseName } from '../../../src/engine/test-database/template-names';

const migrations = [
  { name: 'Init1700000000000', checksum: 'aaa' },
  { name: 'AddPhone1700000000001', checksum: 'bbb' },
];

test('the template is keyed by the migrations: any edit, addition or rename gives a new one', () => {
  const base = migrationsKey(migrations);
  assert.match(base, /^[0-9a-f]{12}$/);
  assert.equal(migrationsKey([...migrations]), base);
  assert.notEqual(migrationsKey([migrations[0], { ...migrations[1], checksum: 'ccc' }]), base);
  assert.notEqual(migrationsKey([migrations[0]]), base);
  assert.notEqual(migrationsKey([migrations[0], { ...migrations[1], name: 'AddMobile1700000000001' }]), base);
});

test('templates and test databases are named after the project database and fit identifiers', () => {
  assert.match(templateName('db_manage', migrations), /^db_manage__tpl_[0-9a-f]{6}_[0-9a-f]{12}$/);
  const a = testDatabaseName('db_manage');
  assert.ok(a.startsWith(familyPrefix('db_manage', 'test')));
  assert.notEqual(a, testDatabaseName('db_manage'));
  assert.ok(templateName('x'.repeat(63), migrations).length <= 63);
  assert.notEqual(familyPrefix('project_one_development', 'tpl'), familyPrefix('project_one_development_2', 'tpl'));
});

test('spares are keyed like their template, so a migration change never hands out an old clone', () => {
  const prefix = sparePrefix('db_manage', migrations);
  assert.match(prefix, /^db_manage__spare_[0-9a-f]{6}_[0-9a-f]{12}_$/);
  assert.ok(prefix.startsWith(familyPrefix('db_manage', 'spare')));
  assert.ok(prefix.endsWith(`${migrationsKey(migrations)}_`));
  assert.notEqual(sparePrefix('db_manage', [migrations[0]]), prefix);
  const a = spareName(prefix);
  assert.ok(a.startsWith(prefix) && a !== spareName(prefix));
  // The longest project name still gives a valid identifier (PostgreSQL truncates past 63 bytes).
  assert.ok(spareName(sparePrefix('x'.repeat(63), migrations)).length <= 63);
  // A spare never looks like a template or a test database of the family, and vice versa.
  assert.ok(!a.startsWith(familyPrefix('db_manage', 'tpl')) && !a.startsWith(familyPrefix('db_manage', 'test')));
});

test('advisory keys are stable 32-bit pairs', () => {
  const [a, b] = advisoryKey('t');
  assert.deepEqual(advisoryKey('t'), [a, b]);
  assert.ok(Number.isInteger(a) && Number.isInteger(b) && Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31);
});
