import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Column, DataSource, Entity, PrimaryGeneratedColumn, type DataSourceOptions } from 'typeorm';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { defaultWarnings } from '../../../src/engine/model/default-warnings';
import { entityModel, type EntityModelOptions } from '../../../src/engine/model/entity-model';
import type { SchemaModel } from '../../../src/engine/model/schema-model';
import { quoteLiteral } from '../../../src/engine/sql/quote';

async function dataSource(entities: Function[]): Promise<DataSource> {
  const ds = new DataSource({ type: 'postgres', entities } as DataSourceOptions);
  await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return ds;
}
async function modelOf(entities: Function[], options?: EntityModelOptions): Promise<SchemaModel> {
  return entityModel(await dataSource(entities), options);
}
const defaultOf = (m: SchemaModel, table: string, name: string) => m.tables.find((t) => t.name === table)?.columns.find((c) => c.name === name)?.default;

@Entity({ name: 'palettes' })
class Palette {
  @PrimaryGeneratedColumn() id: number;
  @Column('json', { default: ['teal', "o'range", 'a\\b'] }) names: string[];
  @Column('jsonb', { default: [] }) empty: string[];
  @Column('jsonb', { default: [{ w: 1 }, [2, null]] }) nested: unknown[];
  @Column('simple-json', { default: [3, 'x'] }) simple: unknown[];
  @Column('simple-array', { default: ['p', 'q'] }) list: string[];
  @Column('text', { array: true, default: ['p q', 'r'] }) tags: string[];
}

test('a JS array given to a json, jsonb or simple-json column is its JSON text, not an array literal', async () => {
  const m = await modelOf([Palette]);
  assert.equal(defaultOf(m, 'palettes', 'names'), quoteLiteral('["teal","o\'range","a\\\\b"]'));
  assert.equal(defaultOf(m, 'palettes', 'empty'), "'[]'");
  assert.equal(defaultOf(m, 'palettes', 'nested'), `'[{"w":1},[2,null]]'`);
  assert.equal(defaultOf(m, 'palettes', 'simple'), `'[3,"x"]'`);
  assert.equal(defaultOf(m, 'palettes', 'list'), "'p,q'");
  assert.equal(defaultOf(m, 'palettes', 'tags'), `'{"p q",r}'`, 'a real array column keeps its array literal');
});

@Entity({ name: 'memos' })
class Memo {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text', comment: 'ok\u0000not' }) body: string;
}
@Entity({ name: 'flags' })
class Flag {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'jsonb', default: { nested: ['fine', 'bad\u0000'] } }) data: unknown;
}
@Entity({ name: 'kinds' })
class Kind {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'enum', enum: ['one', 't\u0000wo'] }) kind: string;
}

test('a NUL in a comment, a default or an enum value is refused at generate time, naming the column', async () => {
  for (const [entity, where] of [[Memo, 'comment of Memo.body'], [Flag, 'default of Flag.data'], [Kind, 'enum value of Kind.kind']] as const) {
    await assert.rejects(modelOf([entity]), (e: unknown) => {
      assert.ok(e instanceof DbManageError && e.code === 'config-invalid');
      assert.match(e.message, new RegExp(where.replace('.', '\\.')));
      assert.doesNotMatch(e.message, /\n/);
      return true;
    });
  }
});

@Entity({ name: 'tickets' })
class Ticket {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'enum', enumName: 'ticket_state', enum: ['open', 'shut'], default: 'open' }) state: string;
}
@Entity({ name: 'ticket_log' })
class TicketLog {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'enum', enumName: 'ticket_state' }) state: string;
}

test('enumName without values refers to the enum declared elsewhere', async () => {
  const m = await modelOf([TicketLog, Ticket]);
  assert.deepEqual(m.enums, [{ schema: 'public', name: 'ticket_state', values: ['open', 'shut'] }]);
  const log = m.tables.find((t) => t.name === 'ticket_log')!;
  assert.equal(log.columns.find((c) => c.name === 'state')!.type, '"public"."ticket_state"');
});

test('enumName without values takes the database values; with none anywhere it is one config error', async () => {
  const m = await modelOf([TicketLog], { existingEnums: [{ schema: 'public', name: 'ticket_state', values: ['a', 'b'] }] });
  assert.deepEqual(m.enums, [{ schema: 'public', name: 'ticket_state', values: ['a', 'b'] }]);
  await assert.rejects(modelOf([TicketLog], { existingEnums: [] }), (e: unknown) => {
    assert.ok(e instanceof DbManageError && e.code === 'config-invalid');
    assert.match(e.message, /public\.ticket_log\.state names enum type public\.ticket_state without values/);
    return true;
  });
});

@Entity({ name: 'stamps' })
class Stamp {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'timestamptz', default: 'LOCALTIMESTAMP' }) at: Date;
  @Column({ type: 'uuid', default: 'public.uuid_generate_v1mc()' }) ref: string;
  @Column({ type: 'text', default: 'hello (world)' }) words: string;
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' }) fine: Date;
}

test('a string default that reads like a function call gets a one-line warning suggesting () => …', async () => {
  const warnings = defaultWarnings(await dataSource([Stamp]));
  assert.deepEqual(warnings, [
    "Stamp.at: the default 'LOCALTIMESTAMP' is stored as that text, not run; did you mean default: () => 'LOCALTIMESTAMP'?",
    "Stamp.ref: the default 'public.uuid_generate_v1mc()' is stored as that text, not run; did you mean default: () => 'public.uuid_generate_v1mc()'?",
  ]);
});

@Entity({ name: 'enum_tickets' })
class EnumTicket {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'enum', enum: ['open', "won't fix"], default: 'closed' }) state: string;
}

@Entity({ name: 'tickets_ok' })
class EnumTicketOk {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'enum', enum: ['open', "won't fix"], default: "won't fix" }) state: string;
}

test("an enum column's default outside its values is one config-invalid line (fuzz seeds 472, 516)", async () => {
  await assert.rejects(modelOf([EnumTicket]), (err: unknown) => {
    assert.ok(err instanceof DbManageError && err.code === 'config-invalid');
    assert.equal(err.message, "the default 'closed' of enum_tickets.state is not one of its enum values (open, won't fix)");
    return true;
  });
  assert.match(String(defaultOf(await modelOf([EnumTicketOk]), 'tickets_ok', 'state')), /^'won''t fix'/);
});
