import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { dataDroppedBy, dropsAnything } from '../../../src/engine/safety/data-dropped-by';
import { quoteIdent } from '../../../src/engine/sql/quote';
import { seededRandom } from '../../support/fault-trials';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

before(loadSqlParser);

test('finds dropped tables, dropped columns, truncations and dropped schemas', () => {
  const dropped = dataDroppedBy([
    'DROP TABLE "public"."users"',
    'ALTER TABLE "public"."posts" DROP COLUMN "tags", ADD COLUMN "x" int',
    'DROP TABLE IF EXISTS analytics.page_views, t2',
    'TRUNCATE TABLE ONLY "public"."sessions", audit.log',
    'DROP SCHEMA IF EXISTS "Archive", old CASCADE',
  ]);
  assert.deepEqual(dropped, {
    tables: [
      { schema: 'analytics', name: 'page_views' },
      { schema: 'audit', name: 'log' },
      { schema: 'public', name: 'sessions' },
      { schema: 'public', name: 'users' },
      { name: 't2' },
    ],
    columns: [{ table: { schema: 'public', name: 'posts' }, column: 'tags' }],
    schemas: ['Archive', 'old'],
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
  assert.deepEqual(dropped, { tables: [], columns: [], schemas: [] });
  assert.equal(dropsAnything(dropped), false);
});

/** Identifiers a user may really have: quotes, dots, spaces, unicode, upper case. */
function randomIdentifier(random: () => number): string {
  const pieces = ['a', 'Z', '"', '.', ' ', 'é', 'ß', '表', '_', '1', "'", ';', '-', 'DROP'];
  let name = '';
  const length = 1 + Math.floor(random() * 12);
  for (let i = 0; i < length; i++) name += pieces[Math.floor(random() * pieces.length)];
  return name;
}

test('generated identifiers come back exactly as the server would read them (200 seeded cases)', () => {
  const random = seededRandom(0x64726f70);
  for (let i = 0; i < 200; i++) {
    const [schema, table, column] = [randomIdentifier(random), randomIdentifier(random), randomIdentifier(random)];
    const q = `${quoteIdent(schema)}.${quoteIdent(table)}`;
    const dropped = dataDroppedBy([`ALTER TABLE ${q} DROP COLUMN ${quoteIdent(column)}`, `DROP TABLE ${q}`, `DROP SCHEMA ${quoteIdent(schema)} CASCADE`]);
    assert.deepEqual(dropped, { tables: [{ schema, name: table }], columns: [{ table: { schema, name: table }, column }], schemas: [schema] }, `case ${i}: ${q}`);
  }
});
