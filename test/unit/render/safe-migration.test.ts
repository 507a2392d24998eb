import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Operation } from '../../../src/engine/diff/operations';
import { renderMigration } from '../../../src/engine/render/render-migration';
import { column } from '../diff/models';

const ref = { schema: 'public', table: 'users' };
const calls = (section: string) => section.match(/await queryRunner\.query\(`[^`]*`\);|\/\/ DATA LOSS:[^\n]*/g) ?? [];
const split = (source: string) => source.split('public async down');

test('a generated migration sets lock_timeout first, in up() and in down()', () => {
  const op: Operation = { kind: 'add-column', ...ref, column: column('phone', 'text', { nullable: true }) };
  const [up, down] = split(renderMigration({ className: 'AddPhone1732200000000', message: 'Add phone', operations: [op], lockTimeout: '5s' }));
  assert.deepEqual(calls(up), ["await queryRunner.query(`SET LOCAL lock_timeout = '5s'`);", 'await queryRunner.query(`ALTER TABLE "public"."users" ADD COLUMN "phone" text`);']);
  assert.equal(calls(down)[0], "await queryRunner.query(`SET LOCAL lock_timeout = '5s'`);");
  assert.doesNotMatch(up, /transaction = false/);
});

test('each statement that loses data carries a DATA LOSS comment, in up() and in down()', () => {
  const op: Operation = { kind: 'drop-column', ...ref, column: column('phone', 'text', { nullable: true }) };
  const source = renderMigration({ className: 'DropPhone1732200000000', message: 'Drop phone', operations: [op], lockTimeout: '5s' });
  const [up, down] = split(source);
  assert.deepEqual(calls(up).slice(1), ['// DATA LOSS: drops column public.users.phone and its values', 'await queryRunner.query(`ALTER TABLE "public"."users" DROP COLUMN "phone"`);']);
  assert.doesNotMatch(down, /DATA LOSS/, 'adding the column back loses nothing');
  const addSource = renderMigration({ className: 'AddPhone1732200000000', message: 'Add phone', operations: [{ ...op, kind: 'add-column' }] });
  assert.match(split(addSource)[1], /\/\/ DATA LOSS: drops column public\.users\.phone/, 'down() of an add drops it');
});

test('the concurrent index migration declares transaction = false and sets no lock_timeout', () => {
  const op: Operation = { kind: 'create-index', schema: 'public', table: 'posts', index: { name: 'IDX_title', columns: ['title'], unique: false, where: null, method: 'btree' }, concurrently: true };
  const source = renderMigration({ className: 'IndexTitle1732200000000', message: 'Index title', operations: [op], transaction: false });
  assert.match(source, /\n  transaction = false;\n/);
  assert.match(source, /No lock_timeout here/);
  const [up, down] = split(source);
  assert.deepEqual(calls(up), [
    'await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "public"."IDX_title"`);',
    'await queryRunner.query(`CREATE INDEX CONCURRENTLY "IDX_title" ON "public"."posts" ("title")`);',
  ]);
  assert.deepEqual(calls(down), ['await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "public"."IDX_title"`);']);
});

test('outside a transaction a lock_timeout is session-wide, so it is reset at the end', () => {
  const op: Operation = { kind: 'drop-not-null', ...ref, column: 'email' };
  const [up] = split(renderMigration({ className: 'X1732200000000', message: 'x', operations: [op], transaction: false, lockTimeout: '2s' }));
  const c = calls(up);
  assert.equal(c[0], "await queryRunner.query(`SET lock_timeout = '2s'`);");
  assert.equal(c[c.length - 1], 'await queryRunner.query(`RESET lock_timeout`);');
});

test('an empty revision sets no lock_timeout', () => {
  assert.doesNotMatch(renderMigration({ className: 'Empty1732200000000', message: 'Empty', operations: [], lockTimeout: '5s' }), /lock_timeout/);
});
