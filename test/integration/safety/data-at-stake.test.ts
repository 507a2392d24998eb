import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from 'pg';
import { rowsOf } from '../../../src/engine/inspect/queryable';
import { dataAtStake, losesData } from '../../../src/engine/safety/data-at-stake';
import { dataDroppedBy } from '../../../src/engine/safety/data-dropped-by';
import { createScratchDatabase, testTargets, type ScratchDatabase } from '../../support/test-cluster';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

before(loadSqlParser);

for (const target of testTargets()) {
  describe(`what a downgrade's drops would lose, counted on the server (${target.name})`, () => {
    let db: ScratchDatabase;
    let client: Client;
    const stake = (...sql: string[]) => dataAtStake(rowsOf(client), dataDroppedBy(sql));

    before(async () => {
      db = await createScratchDatabase(target, 'data_at_stake');
      client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query(`
        CREATE SCHEMA "Sales Ops";
        CREATE TABLE "Sales Ops".leads (id int, score int);
        INSERT INTO "Sales Ops".leads SELECT i, NULLIF(i % 3, 0) FROM generate_series(1, 7) i;
        CREATE TABLE "Sales Ops".empty_one (id int);
        CREATE TABLE public.tags (id int, colour text, "Label" text);
        INSERT INTO public.tags VALUES (1, NULL, 'a'), (2, NULL, NULL), (3, NULL, 'c');`);
    });
    after(async () => {
      await client.end();
      await db.drop();
    });

    test('non-null values of a dropped column, the table found through search_path', async () => {
      const s = await stake('ALTER TABLE tags DROP COLUMN colour, DROP COLUMN "Label"');
      assert.deepEqual(s, {
        tables: [],
        columns: [
          { schema: 'public', table: 'tags', column: 'Label', values: 2 },
          { schema: 'public', table: 'tags', column: 'colour', values: 0 },
        ],
      });
      assert.equal(losesData(s), true);
      assert.equal(losesData(await stake('ALTER TABLE public.tags DROP COLUMN colour')), false);
    });

    test('a dropped schema counts every table in it; its columns are not counted twice', async () => {
      const s = await stake('ALTER TABLE "Sales Ops".leads DROP COLUMN score', 'DROP SCHEMA "Sales Ops" CASCADE');
      assert.deepEqual(s, {
        tables: [
          { schema: 'Sales Ops', table: 'empty_one', rows: 0 },
          { schema: 'Sales Ops', table: 'leads', rows: 7 },
        ],
        columns: [],
      });
    });

    test('an empty truncated table loses nothing; objects that do not exist are left out', async () => {
      const s = await stake('TRUNCATE "Sales Ops".empty_one', 'DROP TABLE IF EXISTS nowhere.nothing', 'ALTER TABLE tags DROP COLUMN ghost');
      assert.deepEqual(s, { tables: [{ schema: 'Sales Ops', table: 'empty_one', rows: 0 }], columns: [] });
      assert.equal(losesData(s), false);
    });
  });
}
