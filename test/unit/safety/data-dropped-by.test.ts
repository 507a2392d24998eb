import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataDroppedBy, dropsAnything } from '../../../src/engine/safety/data-dropped-by';

test('finds dropped tables, dropped columns and truncations', () => {
  const dropped = dataDroppedBy([
    'DROP TABLE "public"."users"',
    'ALTER TABLE "public"."posts" DROP COLUMN "tags", ADD COLUMN "x" int',
    'DROP TABLE IF EXISTS analytics.page_views, t2',
    'TRUNCATE TABLE "public"."sessions"',
  ]);
  assert.deepEqual(dropped, {
    tables: ['analytics.page_views', 'public.sessions', 'public.users', 't2'],
    columns: ['public.posts.tags'],
  });
  assert.equal(dropsAnything(dropped), true);
});

test('index, constraint and type drops lose no data', () => {
  const dropped = dataDroppedBy([
    'DROP INDEX "public"."IDX_x"',
    'ALTER TABLE "public"."posts" DROP CONSTRAINT "FK_x"',
    'DROP TYPE "public"."user_role"',
    'ALTER TABLE "public"."users" ALTER COLUMN "phone" DROP DEFAULT',
  ]);
  assert.deepEqual(dropped, { tables: [], columns: [] });
  assert.equal(dropsAnything(dropped), false);
});
