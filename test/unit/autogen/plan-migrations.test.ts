import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { planMigrations } from '../../../src/engine/autogen/plan-migrations';
import { compare } from '../../../src/engine/diff/compare';
import type { Operation } from '../../../src/engine/diff/operations';
import { reverseAll } from '../../../src/engine/diff/reverse';
import { toSql } from '../../../src/engine/diff/to-sql';
import { statementsFromOperations } from '../../../src/engine/lint/from-operations';
import { lintStatements } from '../../../src/engine/lint/lint-statements';
import type { IndexModel } from '../../../src/engine/model/schema-model';
import { column, model, table } from '../diff/models';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

before(loadSqlParser);

const index = (name: string, columns: string[], unique = false): IndexModel => ({ name, columns, unique, where: null, method: 'btree' });
const posts = (extra: Parameters<typeof table>[2] = {}) => table('public', 'posts', { columns: [column('id', 'integer', { generated: 'serial' }), column('title', 'character varying(200)')], ...extra });

/** The lint codes of the planned migrations, as migrate writes them (lock_timeout in the transactional one). */
function lintCodes(operations: readonly Operation[]): string[] {
  const statements = planMigrations(operations).flatMap((p, i) =>
    statementsFromOperations({ migration: `M${i}`, operations: p.operations, inTransaction: p.transaction, lockTimeout: p.transaction ? '5s' : undefined }),
  );
  return lintStatements(statements).violations.map((v) => v.code);
}

describe('planMigrations: indexes on existing tables are built concurrently', () => {
  test('an index alone: one migration, outside a transaction, CONCURRENTLY up and down', () => {
    const ops = compare(model({ tables: [posts({ indexes: [index('IDX_title', ['title'])] })] }), model({ tables: [posts()] }));
    const plans = planMigrations(ops);
    assert.equal(plans.length, 1);
    assert.equal(plans[0].transaction, false);
    assert.equal(plans[0].suffix, '');
    assert.deepEqual(plans[0].operations.flatMap(toSql), [
      'DROP INDEX CONCURRENTLY IF EXISTS "public"."IDX_title"',
      'CREATE INDEX CONCURRENTLY "IDX_title" ON "public"."posts" ("title")',
    ]);
    assert.deepEqual(reverseAll(plans[0].operations).flatMap(toSql), ['DROP INDEX CONCURRENTLY IF EXISTS "public"."IDX_title"']);
    assert.deepEqual(lintCodes(ops), []);
  });

  test('with other changes: two migrations, the transactional one first, the indexes after it', () => {
    const desired = posts({ columns: [...posts().columns, column('slug', 'text', { nullable: true })], indexes: [index('IDX_slug', ['slug'], true)] });
    const ops = compare(model({ tables: [desired] }), model({ tables: [posts()] }));
    const plans = planMigrations(ops);
    assert.deepEqual(plans.map((p) => [p.transaction, p.suffix, p.operations.map((o) => o.kind)]), [
      [true, '', ['add-column']],
      [false, 'concurrently', ['create-index']],
    ]);
    assert.match(toSql(plans[1].operations[0])[1], /^CREATE UNIQUE INDEX CONCURRENTLY "IDX_slug"/);
    assert.deepEqual(lintCodes(ops), []);
  });

  test('indexes on tables created in the same diff stay plain and in the one migration', () => {
    const ops = compare(model({ tables: [posts({ indexes: [index('IDX_title', ['title'])] })] }), model({}));
    const plans = planMigrations(ops);
    assert.deepEqual(plans.map((p) => p.transaction), [true]);
    assert.match(plans[0].operations.flatMap(toSql).join('\n'), /CREATE INDEX "IDX_title"/);
    assert.deepEqual(lintCodes(ops), []);
  });

  test('a unique index that a new foreign key of the same diff needs stays in the transactional migration', () => {
    const tags = table('public', 'tags', { columns: [column('id', 'integer'), column('code', 'text')] });
    const labels = table('public', 'labels', {
      columns: [column('id', 'integer'), column('tagCode', 'text')],
      foreignKeys: [{ name: 'FK_tag', columns: ['tagCode'], referencedSchema: 'public', referencedTable: 'tags', referencedColumns: ['code'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION', deferrable: null }],
    });
    const ops = compare(model({ tables: [{ ...tags, indexes: [index('IDX_code', ['code'], true)] }, labels] }), model({ tables: [tags] }));
    assert.deepEqual(planMigrations(ops).map((p) => p.transaction), [true]);
  });
});

describe('planMigrations: new enum values are committed before they are used', () => {
  const role = (...values: string[]) => ({ schema: 'public', name: 'user_role', values });
  const users = (roleDefault: string, extra: Parameters<typeof table>[2] = {}) =>
    table('public', 'users', { columns: [column('id', 'integer', { generated: 'serial' }), column('role', '"public"."user_role"', { default: roleDefault })], ...extra });

  test('a default naming an added value: the ADD VALUE runs in a migration of its own, first', () => {
    const ops = compare(model({ enums: [role('member', 'admin', 'owner')], tables: [users("'owner'")] }), model({ enums: [role('member', 'admin')], tables: [users("'member'")] }));
    const plans = planMigrations(ops);
    assert.deepEqual(plans.map((p) => [p.transaction, p.suffix, p.operations.map((o) => o.kind)]), [
      [true, 'enum values', ['add-enum-value']],
      [true, '', ['set-default']],
    ]);
    assert.match(plans[0].note ?? '', /committed before/);
    assert.deepEqual(plans[0].operations.flatMap(toSql), [`ALTER TYPE "public"."user_role" ADD VALUE 'owner'`]);
  });

  test('an index predicate naming an added value counts too; the index still goes concurrently, last', () => {
    const indexed = users("'member'", { indexes: [{ name: 'IDX_owner', columns: ['role'], unique: false, where: `role = 'owner'::user_role`, method: 'btree' }] });
    const plans = planMigrations(compare(model({ enums: [role('member', 'owner')], tables: [indexed] }), model({ enums: [role('member')], tables: [users("'member'")] })));
    assert.deepEqual(plans.map((p) => [p.suffix, p.operations.map((o) => o.kind)]), [
      ['enum values', ['add-enum-value']],
      ['concurrently', ['create-index']],
    ]);
  });

  test('values nothing else uses stay in the one migration', () => {
    const ops = compare(model({ enums: [role('member', 'admin', 'owner')], tables: [users("'member'")] }), model({ enums: [role('member', 'admin')], tables: [users("'member'")] }));
    assert.deepEqual(planMigrations(ops).map((p) => [p.suffix, p.note]), [['', null]]);
  });
});

describe('planMigrations: a foreign key on an existing table is added NOT VALID and validated apart', () => {
  const users = table('public', 'users', { columns: [column('id', 'integer', { generated: 'serial' })], primaryKey: { name: 'PK_users', columns: ['id'] } });
  const fk = { name: 'FK_author', columns: ['authorId'], referencedSchema: 'public', referencedTable: 'users', referencedColumns: ['id'], onDelete: 'CASCADE' as const, onUpdate: 'NO ACTION' as const, deferrable: null };
  const withAuthor = posts({ columns: [...posts().columns, column('authorId', 'integer', { nullable: true })], foreignKeys: [fk] });

  test('existing posts: the main migration adds it NOT VALID, the next validates it in its own transaction; lint is clean', () => {
    const ops = compare(model({ tables: [users, withAuthor] }), model({ tables: [users, posts()] }));
    const plans = planMigrations(ops);
    assert.deepEqual(plans.map((p) => [p.suffix, p.transaction]), [['', true], ['validate foreign keys', true]]);
    assert.ok(plans[0].operations.flatMap(toSql).some((s) => s.endsWith('REFERENCES "public"."users" ("id") ON DELETE CASCADE NOT VALID')));
    assert.deepEqual(plans[1].operations.flatMap(toSql), ['ALTER TABLE "public"."posts" VALIDATE CONSTRAINT "FK_author"']);
    // The down of the validation has nothing to undo; the main one's drops the key.
    assert.deepEqual(reverseAll(plans[1].operations), []);
    assert.ok(reverseAll(plans[0].operations).flatMap(toSql).includes('ALTER TABLE "public"."posts" DROP CONSTRAINT "FK_author"'));
    assert.deepEqual(lintCodes(ops), []);
  });

  test('a table created in the same diff gets its foreign key plainly: there are no rows to check', () => {
    const ops = compare(model({ tables: [users, withAuthor] }), model({ tables: [users] }));
    const plans = planMigrations(ops);
    assert.equal(plans.length, 1);
    assert.ok(!plans[0].operations.flatMap(toSql).some((s) => s.includes('NOT VALID') || s.includes('VALIDATE')));
  });
});
