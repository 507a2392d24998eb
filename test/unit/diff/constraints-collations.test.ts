import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { compare } from '../../../src/engine/diff/compare';
import { describeOperation } from '../../../src/engine/diff/describe';
import type { Operation } from '../../../src/engine/diff/operations';
import { reverse, reverseAll } from '../../../src/engine/diff/reverse';
import { toSql } from '../../../src/engine/diff/to-sql';
import type { SchemaModel, TableModel } from '../../../src/engine/model/schema-model';
import { column, model, table } from './models';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

// Expressions compare by PostgreSQL's parse tree.
before(() => loadSqlParser());

/** Exclusions, deferrable uniques, collations and TypeORM's generated-column rows, on literal models. */
const slots = (extra: Partial<TableModel> = {}) =>
  table('ops', 'slots', {
    columns: [column('id', 'integer', { generated: 'serial' }), column('span', 'int4range'), column('code', 'character varying(12)', { collation: 'C' })],
    ...extra,
  });
const at = (t: TableModel, records: SchemaModel['typeormMetadata'] = null) => model({ tables: [t], typeormMetadata: records });
const sql = (ops: readonly Operation[]) => ops.flatMap(toSql);

test('an exclusion is created with its table, added, changed and dropped; each reverses', () => {
  const x = { name: 'EX_slots_span', expression: 'USING gist ("span" WITH &&)', deferrable: null };
  const created = compare(at(slots({ exclusions: [x] })), model({ schemas: ['ops'] }));
  assert.match(sql(created).join('\n'), /CONSTRAINT "EX_slots_span" EXCLUDE USING gist \("span" WITH &&\)\n\)/);
  const added = compare(at(slots({ exclusions: [x] })), at(slots()));
  assert.deepEqual(sql(added), ['ALTER TABLE "ops"."slots" ADD CONSTRAINT "EX_slots_span" EXCLUDE USING gist ("span" WITH &&)']);
  assert.deepEqual(sql(reverseAll(added) as Operation[]), ['ALTER TABLE "ops"."slots" DROP CONSTRAINT "EX_slots_span"']);
  // The catalog prints it without quotes: the same exclusion, nothing to do.
  assert.deepEqual(compare(at(slots({ exclusions: [x] })), at(slots({ exclusions: [{ ...x, expression: 'USING gist (span WITH &&)' }] }))), []);
  const deferred = { ...x, expression: 'USING gist (span WITH &&) WHERE (code <> \'\')', deferrable: 'INITIALLY DEFERRED' as const };
  const changed = compare(at(slots({ exclusions: [deferred] })), at(slots({ exclusions: [x] })));
  assert.deepEqual(changed.map((o) => o.kind), ['drop-exclusion', 'add-exclusion']);
  assert.match(sql(changed)[1], /WHERE \(code <> ''\) DEFERRABLE INITIALLY DEFERRED$/);
  assert.match(describeOperation(changed[1]), /add exclusion EX_slots_span on ops\.slots: EXCLUDE USING gist/);
});

test('a unique that becomes deferrable is dropped and added again', () => {
  const u = { name: 'UQ_code', columns: ['code'], deferrable: null };
  const ops = compare(at(slots({ uniques: [{ ...u, deferrable: 'INITIALLY IMMEDIATE' }] })), at(slots({ uniques: [u] })));
  assert.deepEqual(sql(ops), ['ALTER TABLE "ops"."slots" DROP CONSTRAINT "UQ_code"', 'ALTER TABLE "ops"."slots" ADD CONSTRAINT "UQ_code" UNIQUE ("code") DEFERRABLE INITIALLY IMMEDIATE']);
});

test('a collation change is ALTER TYPE … COLLATE; removing one names the default', () => {
  const withCode = (collation: string | null, type = 'character varying(12)') =>
    slots({ columns: [column('id', 'integer', { generated: 'serial' }), column('code', type, { collation })] });
  const ops = compare(at(withCode('POSIX')), at(withCode('C')));
  assert.deepEqual(sql(ops), ['ALTER TABLE "ops"."slots" ALTER COLUMN "code" TYPE character varying(12) COLLATE "POSIX"']);
  assert.deepEqual(sql([reverse(ops[0]) as Operation]), ['ALTER TABLE "ops"."slots" ALTER COLUMN "code" TYPE character varying(12) COLLATE "C"']);
  assert.deepEqual(sql(compare(at(withCode(null)), at(withCode('C')))), ['ALTER TABLE "ops"."slots" ALTER COLUMN "code" TYPE character varying(12) COLLATE "default"']);
  // A type change would reset the collation: it keeps it in the same statement, both ways.
  const retyped = compare(at(withCode('C', 'text')), at(withCode('C')));
  assert.deepEqual(retyped.map((o) => o.kind), ['alter-column-type']);
  assert.match(sql(retyped)[0], /TYPE text COLLATE "C" USING/);
  assert.match(sql(reverseAll(retyped) as Operation[])[0], /TYPE character varying\(12\) COLLATE "C" USING/);
  const created = sql(compare(at(withCode('C')), model({ schemas: ['ops'] }))).join('\n');
  assert.match(created, /"code" character varying\(12\) COLLATE "C" NOT NULL/);
});

test("TypeORM's generated-column rows: written with the column, replaced when the expression changes, removed with it", () => {
  const where = { schema: 'public', name: 'typeorm_metadata' };
  const record = (value: string) => ({ ...where, generated: [{ schema: 'ops', table: 'slots', column: 'width', value }] });
  const none = { ...where, generated: [] };
  const added = compare(at(slots(), record('upper(span) - lower(span)')), at(slots(), none));
  assert.deepEqual(added.map((o) => o.kind), ['record-generated']);
  const [create, insert] = sql(added);
  assert.match(create, /^CREATE TABLE IF NOT EXISTS "public"\."typeorm_metadata" \("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text\)$/);
  assert.equal(insert, `INSERT INTO "public"."typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'ops', 'slots', 'GENERATED_COLUMN', 'width', 'upper(span) - lower(span)')`);
  assert.match(sql(reverseAll(added) as Operation[])[0], /^DELETE FROM "public"\."typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'width' AND "database" = current_database\(\) AND "schema" = 'ops' AND "table" = 'slots'$/);
  // TypeORM trims before comparing; so do we.
  assert.deepEqual(compare(at(slots(), record(' upper(span) - lower(span) ')), at(slots(), record('upper(span) - lower(span)'))), []);
  assert.deepEqual(compare(at(slots(), record('upper(span)')), at(slots(), record('lower(span)'))).map((o) => o.kind), ['forget-generated', 'record-generated']);
  assert.deepEqual(compare(at(slots(), none), at(slots(), record('x'))).map((o) => o.kind), ['forget-generated']);
  // A model that does not say where the table is (a catalog copy for reset) compares no rows.
  assert.deepEqual(compare(at(slots()), at(slots(), record('x'))), []);
});

test('every new operation reverses to itself twice', () => {
  const x = { name: 'EX', expression: 'USING gist (span WITH &&)', deferrable: null };
  const where = { schema: 'public', name: 'typeorm_metadata' };
  const before = at(slots({ uniques: [{ name: 'U', columns: ['code'], deferrable: null }] }), { ...where, generated: [{ schema: 'ops', table: 'slots', column: 'w', value: 'a' }] });
  const after = at(
    slots({
      columns: [column('id', 'integer', { generated: 'serial' }), column('span', 'int4range'), column('code', 'text', { collation: 'POSIX' })],
      exclusions: [x],
      uniques: [{ name: 'U', columns: ['code'], deferrable: 'INITIALLY DEFERRED' }],
    }),
    { ...where, generated: [{ schema: 'ops', table: 'slots', column: 'w', value: 'b' }] },
  );
  const ops = [...compare(after, before), ...compare(before, after)];
  assert.ok(ops.some((o) => o.kind === 'add-exclusion') && ops.some((o) => o.kind === 'record-generated'));
  for (const op of ops) assert.deepEqual(reverse(reverse(op) as Operation), op, op.kind);
});
