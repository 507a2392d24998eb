import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeOperation } from '../../../src/engine/diff/describe';
import { destructive, isWidening } from '../../../src/engine/diff/destructive';
import type { Operation } from '../../../src/engine/diff/operations';
import { columnDefinition, toSql } from '../../../src/engine/diff/to-sql';
import { column, table } from './models';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

// A schema-per-tenant render reads its statements with PostgreSQL's scanner.
before(() => loadSqlParser());

const ref = { schema: 'public', table: 'users' };

test('column definitions: serial, identity, not null, default', () => {
  assert.equal(columnDefinition(column('id', 'integer', { generated: 'serial' })), '"id" serial NOT NULL');
  assert.equal(columnDefinition(column('id', 'bigint', { generated: 'serial' })), '"id" bigserial NOT NULL');
  assert.equal(columnDefinition(column('id', 'integer', { generated: 'identity-always' })), '"id" integer GENERATED ALWAYS AS IDENTITY NOT NULL');
  assert.equal(columnDefinition(column('phone', 'character varying(20)', { nullable: true })), '"phone" character varying(20)');
  assert.equal(columnDefinition(column('role', '"public"."user_role"', { default: "'member'" })), `"role" "public"."user_role" NOT NULL DEFAULT 'member'`);
});

test('one statement per string, names quoted and schema-qualified', () => {
  const cases: [Operation, string[]][] = [
    [{ kind: 'create-schema', schema: 'analytics' }, ['CREATE SCHEMA IF NOT EXISTS "analytics"']],
    [{ kind: 'drop-schema', schema: 'analytics' }, ['DROP SCHEMA "analytics"']],
    [{ kind: 'create-extension', name: 'uuid-ossp' }, ['CREATE EXTENSION IF NOT EXISTS "uuid-ossp"']],
    [{ kind: 'create-enum', enum: { schema: 'public', name: 'r', values: ["it's", 'b'] } }, [`CREATE TYPE "public"."r" AS ENUM ('it''s', 'b')`]],
    [{ kind: 'add-enum-value', enum: { schema: 'public', name: 'r', values: ['a'] }, value: 'b', position: { after: 'a' }, usages: [] }, [`ALTER TYPE "public"."r" ADD VALUE 'b' AFTER 'a'`]],
    [{ kind: 'add-column', ...ref, column: column('phone', 'character varying(20)', { nullable: true }) }, ['ALTER TABLE "public"."users" ADD COLUMN "phone" character varying(20)']],
    [{ kind: 'drop-column', ...ref, column: column('phone', 'text') }, ['ALTER TABLE "public"."users" DROP COLUMN "phone"']],
    [{ kind: 'set-default', ...ref, column: 'a', default: '0', previous: null }, ['ALTER TABLE "public"."users" ALTER COLUMN "a" SET DEFAULT 0']],
    [{ kind: 'drop-not-null', ...ref, column: 'a' }, ['ALTER TABLE "public"."users" ALTER COLUMN "a" DROP NOT NULL']],
    [{ kind: 'create-index', ...ref, index: { name: 'i', columns: ['a', '(lower(b))'], unique: true, where: 'a IS NULL', method: 'gin' } }, ['CREATE UNIQUE INDEX "i" ON "public"."users" USING gin ("a", (lower(b))) WHERE a IS NULL']],
    [{ kind: 'drop-index', ...ref, index: { name: 'i', columns: ['a'], unique: false, where: null, method: 'btree' } }, ['DROP INDEX "public"."i"']],
    [{ kind: 'add-unique', ...ref, unique: { name: 'u', columns: ['a', 'b'], deferrable: null } }, ['ALTER TABLE "public"."users" ADD CONSTRAINT "u" UNIQUE ("a", "b")']],
  ];
  for (const [op, sql] of cases) assert.deepEqual(toSql(op), sql, op.kind);
});

test('foreign keys spell out only the non-default actions', () => {
  const fk = { name: 'FK', columns: ['userId'], referencedSchema: 'public', referencedTable: 'users', referencedColumns: ['id'], onDelete: 'CASCADE' as const, onUpdate: 'NO ACTION' as const, deferrable: 'INITIALLY DEFERRED' as const };
  assert.deepEqual(toSql({ kind: 'add-foreign-key', schema: 'analytics', table: 'page_views', foreignKey: fk }), [
    'ALTER TABLE "analytics"."page_views"\n  ADD CONSTRAINT "FK" FOREIGN KEY ("userId") REFERENCES "public"."users" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED',
  ]);
});

test('CREATE TABLE puts one column per line', () => {
  const [sql] = toSql({
    kind: 'create-table',
    table: { schema: 'public', name: 't', columns: [column('id', 'uuid', { default: 'gen_random_uuid()' }), column('n', 'text', { nullable: true })], primaryKey: { name: 'PK', columns: ['id'] }, uniques: [], checks: [{ name: 'c', expression: 'n <> \'\'' }], exclusions: [], indexes: [], foreignKeys: [], comment: null },
  });
  assert.equal(sql, `CREATE TABLE "public"."t" (\n  "id" uuid NOT NULL DEFAULT gen_random_uuid(),\n  "n" text,\n  CONSTRAINT "PK" PRIMARY KEY ("id"),\n  CONSTRAINT "c" CHECK (n <> '')\n)`);
});

test('destructive: drops and narrowing type changes', () => {
  assert.match(destructive({ kind: 'drop-column', ...ref, column: column('a', 'text') }) ?? '', /drops column public.users.a/);
  assert.equal(destructive({ kind: 'add-column', ...ref, column: column('a', 'text') }), null);
  const alter = (from: string, to: string): Operation => ({ kind: 'alter-column-type', ...ref, column: 'a', from, to, using: '', reverseUsing: '' });
  assert.equal(destructive(alter('character varying(20)', 'character varying(80)')), null);
  assert.match(destructive(alter('character varying(80)', 'character varying(20)')) ?? '', /can reject values that do not fit/);
  assert.equal(describeOperation(alter('integer', 'bigint')), 'change type of public.users.a from integer to bigint');
});

test('widening type changes', () => {
  const widening: [string, string][] = [
    ['character varying(20)', 'character varying(80)'],
    ['character varying(20)', 'text'],
    ['character varying(20)', 'character varying'],
    ['smallint', 'bigint'],
    ['integer', 'numeric'],
    ['numeric(10,2)', 'numeric(12,2)'],
    ['numeric(10,2)', 'numeric(11,3)'],
    ['real', 'double precision'],
    ['"public"."role"', 'text'],
    ['timestamp(3) with time zone', 'timestamp with time zone'],
  ];
  const narrowing: [string, string][] = [
    ['character varying(80)', 'character varying(20)'],
    ['text', 'character varying(20)'],
    ['bigint', 'integer'],
    ['numeric(10,2)', 'numeric(10,3)'],
    ['numeric', 'numeric(10,2)'],
    ['text', '"public"."role"'],
    ['timestamp with time zone', 'timestamp(3) with time zone'],
    ['text', 'text[]'],
  ];
  for (const [a, b] of widening) assert.equal(isWidening(a, b), true, `${a} → ${b}`);
  for (const [a, b] of narrowing) assert.equal(isWidening(a, b), false, `${a} → ${b}`);
});

test('serial, identity and plain columns convert in place, keeping the numbering', () => {
  const op = (from: 'serial' | 'identity-always' | 'identity-by-default' | null, to: typeof from): Operation => ({ kind: 'set-generated', ...ref, column: 'id', type: 'integer', from, to });
  assert.deepEqual(toSql(op('identity-always', 'identity-by-default')), ['ALTER TABLE "public"."users" ALTER COLUMN "id" SET GENERATED BY DEFAULT']);
  assert.deepEqual(toSql(op('serial', 'identity-always')), [
    'ALTER TABLE "public"."users" ALTER COLUMN "id" DROP DEFAULT',
    'DROP SEQUENCE "public"."users_id_seq"',
    'ALTER TABLE "public"."users" ALTER COLUMN "id" ADD GENERATED ALWAYS AS IDENTITY',
    `SELECT setval(pg_get_serial_sequence('"public"."users"', 'id'), COALESCE(max("id"), 0) + 1, false) FROM "public"."users"`,
  ]);
  assert.deepEqual(toSql(op('identity-by-default', null)), ['ALTER TABLE "public"."users" ALTER COLUMN "id" DROP IDENTITY']);
  assert.match(toSql(op(null, 'serial'))[0], /^CREATE SEQUENCE "public"."users_id_seq" AS integer OWNED BY "public"."users"."id"$/);
});

test('create-table adds a UNIQUE that repeats the primary key or an earlier UNIQUE after the table, where PostgreSQL keeps it', () => {
  const t = table('crm', 'accounts', {
    columns: [column('code', 'text'), column('region', 'text'), column('seq', 'integer')],
    primaryKey: { name: 'PK_accounts', columns: ['code', 'region'] },
    uniques: [
      { name: 'UQ_a', columns: ['region', 'seq'], deferrable: null },
      { name: 'UQ_b', columns: ['code', 'region'], deferrable: null },
      { name: 'UQ_c', columns: ['region', 'seq'], deferrable: null },
      { name: 'UQ_d', columns: ['seq', 'region'], deferrable: null },
    ],
  });
  const sql = toSql({ kind: 'create-table', table: { ...t, indexes: [], foreignKeys: [] } });
  assert.match(sql[0], /CONSTRAINT "UQ_a" UNIQUE \("region", "seq"\)/);
  assert.match(sql[0], /CONSTRAINT "UQ_d" UNIQUE \("seq", "region"\)/);
  assert.doesNotMatch(sql[0], /UQ_b|UQ_c/);
  assert.deepEqual(sql.slice(1), [
    'ALTER TABLE "crm"."accounts" ADD CONSTRAINT "UQ_b" UNIQUE ("code", "region")',
    'ALTER TABLE "crm"."accounts" ADD CONSTRAINT "UQ_c" UNIQUE ("region", "seq")',
  ]);
});

test('a sequence PostgreSQL would not name again is named where the column is built', () => {
  const ref = { schema: 'app', table: 'orders' };
  const identity = column('id', 'integer', { generated: 'identity-by-default', sequence: 'orders_id_seq1' });
  assert.equal(toSql({ kind: 'create-table', table: { ...table('app', 'orders', { columns: [identity] }), indexes: [], foreignKeys: [] } })[0], 'CREATE TABLE "app"."orders" (\n  "id" integer GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME "orders_id_seq1") NOT NULL,\n  CONSTRAINT "PK_orders" PRIMARY KEY ("id")\n)');
  const serial = column('n', 'bigint', { generated: 'serial', sequence: 'orders_n_seq2' });
  assert.deepEqual(toSql({ kind: 'add-column', ...ref, column: serial }), [
    'CREATE SEQUENCE "app"."orders_n_seq2" AS bigint',
    `ALTER TABLE "app"."orders" ADD COLUMN "n" bigint NOT NULL DEFAULT nextval('"app"."orders_n_seq2"'::regclass)`,
    'ALTER SEQUENCE "app"."orders_n_seq2" OWNED BY "app"."orders"."n"',
  ]);
  // Serial to identity and back: the stored name is dropped, then given back by the down().
  const up: Operation = { kind: 'set-generated', ...ref, column: 'n', type: 'integer', from: 'serial', to: 'identity-always', fromSequence: 'orders_n_seq2' };
  assert.ok(toSql(up).includes('DROP SEQUENCE "app"."orders_n_seq2"'));
  assert.ok(toSql(up).includes('ALTER TABLE "app"."orders" ALTER COLUMN "n" ADD GENERATED ALWAYS AS IDENTITY'));
  const down = toSql({ kind: 'set-generated', ...ref, column: 'n', type: 'integer', from: 'identity-always', to: 'serial', toSequence: 'orders_n_seq2' });
  assert.ok(down.includes('CREATE SEQUENCE "app"."orders_n_seq2" AS integer OWNED BY "app"."orders"."n"'), down.join('\n'));
});

test('with an implicit schema, no statement of a whole model names it, and other schemas stay named', async () => {
  const { richModel, EMPTY } = await import('./models');
  const { compare } = await import('../../../src/engine/diff/compare');
  const { reverseAll } = await import('../../../src/engine/diff/reverse');
  const { renderOperation } = await import('../../../src/engine/diff/to-sql');
  const up = compare(richModel(), EMPTY);
  const sql = [...up, ...reverseAll(up)].flatMap((op) => renderOperation(op, { implicitSchema: 'public' }));
  assert.ok(sql.length > 5);
  for (const s of sql) assert.doesNotMatch(s, /"public"\./, s);
  const qualified = [...up, ...reverseAll(up)].flatMap(toSql);
  assert.ok(qualified.some((s) => s.includes('"analytics".')));
  assert.deepEqual(sql.filter((s) => s.includes('"analytics".')).length, qualified.filter((s) => s.includes('"analytics".')).length);
  const record: Operation = { kind: 'record-generated', metadataTable: { schema: 'public', name: 'typeorm_metadata' }, record: { schema: 'public', table: 't', column: 'c', value: 'a + 1' } };
  assert.match(renderOperation(record, { implicitSchema: 'public' })[1], /^INSERT INTO "typeorm_metadata"\(.*\) VALUES \(current_database\(\), current_schema\(\), 't'/);
});
