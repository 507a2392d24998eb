import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Column, DataSource, Entity, PrimaryGeneratedColumn, type DataSourceOptions } from 'typeorm';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { entityModel } from '../../../src/engine/model/entity-model';
import type { SchemaModel } from '../../../src/engine/model/schema-model';
import { Setting } from '../../fixtures/scenarios/defaults/entities';
import { Customer, Invoice, Order, Tag } from '../../fixtures/scenarios/foreign-keys/entities';
import { Account, Invite } from '../../fixtures/scenarios/enums/entities';
import { Member, Org } from '../../fixtures/scenarios/uuid-pk/entities';
import { shuffled } from '../diff/models';

/** Entity metadata needs no connection: build it and read the model. */
async function modelOf(entities: Function[], extra: Partial<DataSourceOptions> = {}): Promise<SchemaModel> {
  const ds = new DataSource({ type: 'postgres', entities, ...extra } as DataSourceOptions);
  await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return entityModel(ds);
}

const columnOf = (m: SchemaModel, table: string, name: string) => m.tables.find((t) => t.name === table)?.columns.find((c) => c.name === name);

test('entities in any order give the same model', async () => {
  const all = [Customer, Order, Tag, Invoice, Account, Invite, Setting];
  const expected = await modelOf(all);
  for (let seed = 1; seed <= 5; seed++) assert.deepEqual(await modelOf(shuffled(all, seed)), expected, `seed ${seed}`);
});

test('schemas, junction tables and foreign keys across schemas', async () => {
  const m = await modelOf([Customer, Order, Tag, Invoice]);
  assert.deepEqual(m.schemas, ['billing', 'crm', 'public', 'sales']);
  assert.deepEqual(m.tables.map((t) => `${t.schema}.${t.name}`), ['billing.invoices', 'crm.customers', 'public.tags', 'sales.orders', 'sales.orders_tags_tags']);
  const orders = m.tables.find((t) => t.name === 'orders')!;
  const billed = orders.foreignKeys.find((fk) => fk.columns[0] === 'billed_to')!;
  assert.equal(billed.referencedSchema, 'crm');
  assert.equal(billed.onDelete, 'RESTRICT');
  assert.equal(billed.deferrable, 'INITIALLY DEFERRED');
  const invoices = m.tables.find((t) => t.name === 'invoices')!;
  assert.equal(invoices.uniques.length, 1, 'a one-to-one join column is unique');
});

test('defaults TypeORM would write wrongly are valid SQL', async () => {
  const m = await modelOf([Setting]);
  assert.equal(columnOf(m, 'settings', 'quoted')?.default, "'it''s a ''quoted'' value'");
  assert.equal(columnOf(m, 'settings', 'labels')?.default, `'{"a b","c,d",e}'`);
  assert.equal(columnOf(m, 'settings', 'slots')?.default, "'{}'");
  assert.equal(columnOf(m, 'settings', 'price')?.default, '10.5');
  assert.equal(columnOf(m, 'settings', 'day')?.default, 'CURRENT_DATE');
  assert.equal(columnOf(m, 'settings', 'localAt')?.default, 'now()');
  assert.equal(columnOf(m, 'settings', 'prefs')?.default, `'{"it''s":null,"sizes":[1,2],"theme":"dark"}'`);
  assert.equal(columnOf(m, 'settings', 'nothing')?.default, null);
  assert.deepEqual(columnOf(m, 'settings', 'id'), { name: 'id', type: 'integer', nullable: false, default: null, generated: 'identity-by-default', expression: null, comment: null, collation: null });
});

test('enums: named, TypeORM-named, arrays, one type per schema', async () => {
  const m = await modelOf([Account, Invite]);
  assert.deepEqual(m.enums.map((e) => `${e.schema}.${e.name}`), [
    'crm.account_role',
    'crm.invite_channel',
    'public.account_role',
    'public.accounts_channels_enum',
    'public.accounts_level_enum',
    'public.accounts_toggle_enum',
    'public.channel',
  ]);
  assert.deepEqual(m.enums.find((e) => e.name === 'accounts_level_enum')?.values, ['1', '2']);
  assert.equal(columnOf(m, 'accounts', 'channels')?.type, '"public"."accounts_channels_enum"[]');
  assert.equal(columnOf(m, 'accounts', 'channels')?.default, "'{email}'");
  assert.equal(columnOf(m, 'accounts', 'role')?.default, "'member'");
});

test('uuid keys follow uuidExtension, and uuid-ossp becomes part of the model', async () => {
  const ossp = await modelOf([Org, Member]);
  assert.equal(columnOf(ossp, 'orgs', 'id')?.default, 'uuid_generate_v4()');
  assert.deepEqual(ossp.extensions, ['uuid-ossp']);
});

test('one enum type declared with two different value lists is a config error', async () => {
  @Entity('a_conflict')
  class A {
    @PrimaryGeneratedColumn() id: number;
    @Column({ type: 'enum', enum: ['x', 'y'], enumName: 'clash' }) v: string;
  }
  @Entity('b_conflict')
  class B {
    @PrimaryGeneratedColumn() id: number;
    @Column({ type: 'enum', enum: ['x'], enumName: 'clash' }) v: string;
  }
  await assert.rejects(modelOf([A, B]), (e: unknown) => e instanceof DbManageError && e.code === 'config-invalid' && /public\.clash/.test(e.message));
});
