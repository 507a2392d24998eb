import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Client } from 'pg';
import { guardedClientClass, type PgClientClass } from '../../../src/engine/runner/guarded-client';
import { asMigration, type StrayWrite } from '../../../src/engine/runner/query-scope';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

before(loadSqlParser);

/** The client is never connected: a write must be decided before anything is sent. */
function guarded() {
  const Guarded = guardedClientClass(Client as unknown as PgClientClass);
  return new Guarded({ connectionString: 'postgres://nobody@127.0.0.1:1/none' }) as unknown as Client;
}

test('a migration write in any call form is recorded, never sent', async () => {
  const client = guarded();
  const seen: StrayWrite[] = [];
  await asMigration(
    (w) => seen.push(w),
    async () => {
      const promised = (await client.query('UPDATE "t" SET "a" = $1', [1])) as unknown as { rowCount: number; command: string };
      assert.deepEqual([promised.rowCount, promised.command], [0, 'UPDATE']);
      await client.query({ text: 'DELETE FROM "t" WHERE "id" = $1', values: [2] });
      await new Promise<void>((done, fail) => client.query('TRUNCATE "t"', (err) => (err ? fail(err) : done())));
      await new Promise<void>((done, fail) => client.query('INSERT INTO "t" VALUES ($1)', [3], (err) => (err ? fail(err) : done())));
    },
  );
  assert.deepEqual(
    seen.map((w) => [w.sql, w.parameters, w.client === client]),
    [
      ['UPDATE "t" SET "a" = $1', [1], true],
      ['DELETE FROM "t" WHERE "id" = $1', [2], true],
      ['TRUNCATE "t"', undefined, true],
      ['INSERT INTO "t" VALUES ($1)', [3], true],
    ],
  );
});

test('a write outside any migration, or streamed, is refused with a typed error', async () => {
  const client = guarded();
  await assert.rejects(client.query('DROP TABLE "t"'), (err: { code?: string; message: string }) => err.code === 'migration-failed' && /nothing ran/.test(err.message));
  const stream = { submit() {}, text: 'DELETE FROM "t"' };
  await asMigration(
    () => assert.fail('a stream cannot be recorded'),
    async () => assert.throws(() => (client as unknown as { query(s: unknown): unknown }).query(stream), /streamed statement cannot be recorded/),
  );
});
