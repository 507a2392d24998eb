import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from 'pg';
import { catalogModel, type SchemaModel } from '../../src/api/engine';
import { adminQuery, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

const DDL = `
  CREATE SCHEMA shop;
  CREATE TYPE shop.state AS ENUM ('new', 'paid');
  CREATE TABLE shop.customers (id serial PRIMARY KEY, email varchar(120) NOT NULL, CONSTRAINT customers_email UNIQUE (email));
  CREATE TABLE shop.orders (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id int REFERENCES shop.customers (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    states shop.state[] NOT NULL DEFAULT '{new}',
    total numeric(10,2) DEFAULT 0 CHECK (total >= 0),
    note text DEFAULT 'it''s',
    deleted_at timestamptz,
    doubled numeric GENERATED ALWAYS AS (total * 2) STORED
  );
  COMMENT ON TABLE shop.orders IS 'What customers bought';
  COMMENT ON COLUMN shop.orders.note IS 'Free text';
  CREATE INDEX orders_live ON shop.orders (customer_id) WHERE deleted_at IS NULL;
  CREATE INDEX orders_note ON shop.orders (lower(note));
  CREATE TABLE shop.slots (id serial PRIMARY KEY, span int4range, code varchar(8) COLLATE "C", label text COLLATE "POSIX",
    CONSTRAINT slots_no_overlap EXCLUDE USING gist (span WITH &&) WHERE (code <> '') DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT slots_code UNIQUE (code) DEFERRABLE);
  CREATE TABLE public.migrations (id serial PRIMARY KEY, name varchar NOT NULL);
  CREATE TABLE public.db_manage_checksums (name varchar PRIMARY KEY);
`;

for (const target of testTargets()) {
  describe(`catalogModel on the ${target.name} server`, () => {
    let db: ScratchDatabase;
    let client: Client;
    let queries = 0;
    const counting = { query: async (sql: string, params?: unknown[]) => (queries++, (await client.query(sql, params)).rows) };
    const read = async (): Promise<{ model: SchemaModel; queries: number }> => {
      queries = 0;
      const model = await catalogModel(counting, { ignoreTables: [{ schema: 'public', name: 'migrations' }] });
      return { model, queries };
    };

    before(async () => {
      db = await createScratchDatabase(target, 'catalog_model');
      await adminQuery(db.url, DDL);
      client = new Client({ connectionString: db.url });
      await client.connect();
    });
    after(async () => {
      await client.end();
      await db.drop();
    });

    test('reads types, defaults, keys, constraints and indexes canonically', async () => {
      const { model } = await read();
      assert.deepEqual(model.schemas, ['public', 'shop']);
      assert.deepEqual(model.enums, [{ schema: 'shop', name: 'state', values: ['new', 'paid'] }]);
      assert.deepEqual(model.tables.map((t) => `${t.schema}.${t.name}`), ['shop.customers', 'shop.orders', 'shop.slots'], 'history tables left out');
      const orders = model.tables.find((t) => t.name === 'orders')!;
      assert.deepEqual(orders.columns, [
        { name: 'id', type: 'integer', nullable: false, default: null, generated: 'identity-always', expression: null, comment: null, collation: null },
        { name: 'customer_id', type: 'integer', nullable: true, default: null, generated: null, expression: null, comment: null, collation: null },
        { name: 'states', type: '"shop"."state"[]', nullable: false, default: "'{new}'", generated: null, expression: null, comment: null, collation: null },
        { name: 'total', type: 'numeric(10,2)', nullable: true, default: '0', generated: null, expression: null, comment: null, collation: null },
        { name: 'note', type: 'text', nullable: true, default: "'it''s'", generated: null, expression: null, comment: 'Free text', collation: null },
        { name: 'deleted_at', type: 'timestamp with time zone', nullable: true, default: null, generated: null, expression: null, comment: null, collation: null },
        { name: 'doubled', type: 'numeric', nullable: true, default: null, generated: null, expression: 'total * (2)::numeric', comment: null, collation: null },
      ]);
      assert.deepEqual(orders.foreignKeys.map((fk) => [fk.columns, fk.referencedSchema, fk.referencedTable, fk.referencedColumns, fk.onDelete, fk.onUpdate, fk.deferrable]), [
        [['customer_id'], 'shop', 'customers', ['id'], 'CASCADE', 'NO ACTION', 'INITIALLY DEFERRED'],
      ]);
      assert.deepEqual(orders.indexes, [
        { name: 'orders_live', columns: ['customer_id'], unique: false, where: 'deleted_at IS NULL', method: 'btree' },
        { name: 'orders_note', columns: ['(lower(note))'], unique: false, where: null, method: 'btree' },
      ]);
      assert.equal(orders.checks.length, 1);
      assert.equal(orders.comment, 'What customers bought');
      const customers = model.tables.find((t) => t.name === 'customers')!;
      assert.equal(customers.columns[0].generated, 'serial');
      assert.deepEqual(customers.uniques, [{ name: 'customers_email', columns: ['email'], deferrable: null }]);
      assert.deepEqual(customers.indexes, [], 'indexes behind constraints are not listed twice');
      const slots = model.tables.find((t) => t.name === 'slots')!;
      assert.deepEqual(slots.columns.map((c) => [c.name, c.collation]), [['id', null], ['span', null], ['code', 'C'], ['label', 'POSIX']]);
      assert.deepEqual(slots.exclusions, [{ name: 'slots_no_overlap', expression: "USING gist (span WITH &&) WHERE (((code)::text <> ''::text))", deferrable: 'INITIALLY DEFERRED' }]);
      assert.deepEqual(slots.uniques, [{ name: 'slots_code', columns: ['code'], deferrable: 'INITIALLY IMMEDIATE' }]);
      assert.deepEqual(slots.indexes, [], 'the exclusion owns its index');
    });

    test('a constant number of queries, however many tables', async () => {
      const small = (await read()).queries;
      const many = Array.from({ length: 60 }, (_, i) => `CREATE TABLE shop.t${i} (id serial PRIMARY KEY, s shop.state[], v varchar(${i + 1}) UNIQUE);`).join('\n');
      await adminQuery(db.url, many);
      const large = await read();
      assert.equal(large.model.tables.length, 63);
      assert.equal(large.queries, small);
      assert.ok(small <= 10, `${small} queries`);
    });
  });
}
