import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExternalReference } from '../../../src/engine/reset/external-references';
import { blockedExplanation, planReferences, referenceStatements, restoreReferenceStatements } from '../../../src/engine/reset/external-references';
import { dropEnumsSql, dropTablesSql, truncateSql } from '../../../src/engine/reset/drop-sql';
import { unmanagedObjects } from '../../../src/engine/reset/database-objects';
import { rebuildOperations } from '../../../src/engine/reset/rebuild-from-catalog';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import type { SchemaModel, TableModel } from '../../../src/engine/model/schema-model';

const ref = (over: Partial<ExternalReference>): ExternalReference => ({
  constraint: 'FK_x',
  schema: 'analytics',
  table: 'page_views',
  columns: ['userId'],
  refSchema: 'public',
  refTable: 'users',
  onDelete: 'SET NULL',
  definition: 'FOREIGN KEY ("userId") REFERENCES users(id) ON DELETE SET NULL',
  rows: 3,
  ...over,
});

test('each ON DELETE is applied to the referencing rows, then the key is dropped', () => {
  assert.deepEqual(referenceStatements([ref({})]), [
    'UPDATE "analytics"."page_views" SET "userId" = NULL WHERE "userId" IS NOT NULL',
    'ALTER TABLE "analytics"."page_views" DROP CONSTRAINT "FK_x"',
  ]);
  assert.deepEqual(referenceStatements([ref({ onDelete: 'CASCADE', schema: 'public', table: 'posts', columns: ['authorId'] })]), [
    'DELETE FROM "public"."posts" WHERE "authorId" IS NOT NULL',
    'ALTER TABLE "public"."posts" DROP CONSTRAINT "FK_x"',
  ]);
  assert.deepEqual(referenceStatements([ref({ onDelete: 'SET DEFAULT', columns: ['a', 'b'] })])[0], 'UPDATE "analytics"."page_views" SET "a" = DEFAULT, "b" = DEFAULT WHERE "a" IS NOT NULL AND "b" IS NOT NULL');
  // No rows use it: only the key is dropped.
  assert.deepEqual(referenceStatements([ref({ onDelete: 'CASCADE', rows: 0 })]), ['ALTER TABLE "analytics"."page_views" DROP CONSTRAINT "FK_x"']);
  assert.deepEqual(restoreReferenceStatements([ref({})]), [
    'ALTER TABLE "analytics"."page_views" ADD CONSTRAINT "FK_x" FOREIGN KEY ("userId") REFERENCES users(id) ON DELETE SET NULL',
  ]);
});

test('NO ACTION and RESTRICT with rows block; without rows they do not', () => {
  const refs = [ref({ onDelete: 'NO ACTION', rows: 2 }), ref({ onDelete: 'RESTRICT', rows: 0 }), ref({ onDelete: 'CASCADE', rows: 5, table: 'posts', schema: 'public' })];
  const plan = planReferences(refs);
  assert.deepEqual(plan.blocked, [refs[0]]);
  assert.deepEqual(plan.notes, ['5 rows of public.posts will be deleted (public.posts(userId) → public.users ON DELETE CASCADE)']);
  assert.equal(blockedExplanation(plan.blocked), '2 rows of analytics.page_views(userId) → public.users ON DELETE NO ACTION');
});

test('drops are one statement, quoted, never CASCADE', () => {
  const tables = [{ schema: 'public', table: 'users' }, { schema: 'analytics', table: 'page_views' }];
  assert.deepEqual(dropTablesSql(tables), ['DROP TABLE "public"."users", "analytics"."page_views"']);
  assert.deepEqual(dropTablesSql([]), []);
  assert.deepEqual(dropEnumsSql([{ schema: 'public', name: 'user_role' }]), ['DROP TYPE "public"."user_role"']);
  assert.deepEqual(truncateSql(tables), ['TRUNCATE "public"."users", "analytics"."page_views" RESTART IDENTITY']);
  for (const sql of [...dropTablesSql(tables), ...dropEnumsSql([{ schema: 'a', name: 'b' }])]) assert.doesNotMatch(sql, /CASCADE/);
});

test('unmanaged objects are what the entities and the history do not own', () => {
  const objects = [
    { schema: 'public', name: 'users', kind: 'table' },
    { schema: 'public', name: 'legacy', kind: 'table' },
    { schema: 'public', name: 'user_role', kind: 'enum type' },
    { schema: 'public', name: 'mood', kind: 'enum type' },
    { schema: 'analytics', name: 'daily', kind: 'view' },
  ];
  assert.deepEqual(unmanagedObjects(objects, [{ schema: 'public', table: 'users' }], [{ schema: 'public', name: 'user_role' }]), [
    { schema: 'public', name: 'legacy', kind: 'table' },
    { schema: 'public', name: 'mood', kind: 'enum type' },
    { schema: 'analytics', name: 'daily', kind: 'view' },
  ]);
});

const table = (name: string, extra: Partial<TableModel> = {}): TableModel => ({
  schema: 'public',
  name,
  columns: [{ name: 'id', type: 'integer', nullable: false, default: null, generated: null, expression: null, comment: null, collation: null }],
  primaryKey: { name: `PK_${name}`, columns: ['id'] },
  uniques: [],
  checks: [],
  exclusions: [],
  indexes: [],
  foreignKeys: [],
  comment: null,
  ...extra,
});
const model = (tables: TableModel[]): SchemaModel => ({ schemas: ['public'], extensions: [], enums: [], tables, typeormMetadata: null });

test('the rebuild recreates what was dropped and nothing else', () => {
  const ops = rebuildOperations(model([table('a'), table('b')]), model([table('a')]));
  assert.deepEqual(ops.map((o) => o.kind), ['create-table']);
  // A difference the drop did not cause would be altered: refuse instead.
  const changed = table('a', { columns: [{ name: 'id', type: 'bigint', nullable: false, default: null, generated: null, expression: null, comment: null, collation: null }] });
  assert.throws(() => rebuildOperations(model([table('a')]), model([changed])), (e: unknown) => e instanceof DbManageError && e.code === 'internal');
});
