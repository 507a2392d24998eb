import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from 'pg';
import { rowsOf } from '../../src/engine/inspect/queryable';
import { catalogModel } from '../../src/engine/model/catalog-model';
import { canonicalDefault } from '../../src/engine/model/canonical/canonical-default';
import { serverCanonicalDefaults } from '../../src/engine/model/canonical/server-default';
import { sealModel, type SchemaModel } from '../../src/engine/model/schema-model';
import { createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

/** Column → the expression as an entity writes it; PostgreSQL stores each in another spelling. */
const WRITTEN: Readonly<Record<string, [type: string, expression: string]>> = {
  period: ['daterange', "daterange(CURRENT_DATE, NULL, '[)')"],
  label: ['text', "('v' || 2 || COALESCE(NULL, upper('q')))"],
  score: ['numeric', '(1 + 2) * 3.5'],
  stamp: ['timestamp without time zone', "LOCALTIMESTAMP - interval '5 minutes'"],
  ids: ['bigint[]', "ARRAY[1, 2]::bigint[] || '{3}'"],
  picked: ['text', "CASE WHEN random() < 2 THEN 'yes' ELSE NULLIF('a', 'b') END"],
};

for (const target of testTargets()) {
  describe(`server-normalised defaults on the ${target.name} server`, () => {
    let db: ScratchDatabase;
    let client: Client;
    before(async () => {
      db = await createScratchDatabase(target, 'server_default');
      client = new Client({ connectionString: db.url });
      await client.connect();
      const columns = Object.entries(WRITTEN).map(([name, [type, sql]]) => `${name} ${type} DEFAULT ${sql}`);
      await client.query(`CREATE TABLE public.slots (id int PRIMARY KEY, ${columns.join(', ')}, other text DEFAULT lower('X'))`);
    });
    after(async () => {
      await client.end();
      await db.drop();
    });

    /** The catalog model, with each default replaced by the entity's spelling of it. */
    const desiredFrom = (actual: SchemaModel, spelling: Readonly<Record<string, string>>): SchemaModel =>
      sealModel({
        ...actual,
        tables: actual.tables.map((t) => ({ ...t, columns: t.columns.map((c) => (c.name in spelling ? { ...c, default: canonicalDefault(spelling[c.name], c.type) } : c)) })),
      });

    test("the entity's spelling meets the stored one once the server has normalised it; a different one stays different", async () => {
      const db1 = rowsOf(client);
      const actual = await catalogModel(db1);
      const spelling = { ...Object.fromEntries(Object.entries(WRITTEN).map(([k, [, sql]]) => [k, sql])), other: "upper('X')" };
      const desired = desiredFrom(actual, spelling);
      const columns = (m: SchemaModel) => Object.fromEntries(m.tables[0].columns.map((c) => [c.name, c.default]));
      const differing = Object.keys(WRITTEN).filter((k) => columns(desired)[k] !== columns(actual)[k]);
      assert.ok(differing.length >= 4, `the hand rules alone leave these apart: ${differing.join(', ')}`);
      const settled = columns(await serverCanonicalDefaults(db1, desired, actual));
      for (const name of Object.keys(WRITTEN)) assert.equal(settled[name], columns(actual)[name], name);
      assert.notEqual(settled.other, columns(actual).other, 'upper is not lower');
    });

    test('one expression the server rejects does not hide the others, and nothing is left behind', async () => {
      const db1 = rowsOf(client);
      const actual = await catalogModel(db1);
      const desired = desiredFrom(actual, { label: "('v' || 2 || COALESCE(NULL, upper('q')))", other: 'no_such_function()' });
      const settled = await serverCanonicalDefaults(db1, desired, actual);
      const col = (m: SchemaModel, n: string) => m.tables[0].columns.find((c) => c.name === n)!.default;
      assert.equal(col(settled, 'label'), col(actual, 'label'));
      assert.equal(col(settled, 'other'), 'no_such_function()');
      const left = await client.query("SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'db_manage_default_probe%'");
      assert.equal(left.rows[0].n, 0);
      const tx = await client.query('SELECT txid_current_if_assigned() AS x, now() = statement_timestamp() AS outside');
      assert.equal(tx.rows[0].outside, true, 'the connection is not left inside a transaction');
    });
  });
}
