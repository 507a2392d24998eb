import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropObjectsSql } from '../../../src/engine/reset/drop-objects';
import { objectKey, type CatalogObject } from '../../../src/engine/reset/database-objects';
import { restoreExtrasSql, type TableExtras } from '../../../src/engine/reset/table-extras';

const o = (kind: string, schema: string, name: string, args = ''): CatalogObject => ({ kind, schema, name, args });

test('one DROP per kind, dependents first, routines by signature, never CASCADE', () => {
  const sql = dropObjectsSql([
    o('function', 'app', 'total', 'a integer, VARIADIC b integer[]'),
    o('table', 'app', 'orders'),
    o('view', 'app.v', 'x"y'),
    o('domain', 'app', 'cents'),
    o('enum type', 'app', 'state'),
    o('sequence', 'app', 'numbers'),
    o('aggregate', 'app', 'total', 'integer'),
  ]);
  assert.deepEqual(sql, [
    'DROP VIEW "app.v"."x""y"',
    'DROP TABLE "app"."orders"',
    'DROP SEQUENCE "app"."numbers"',
    'DROP ROUTINE "app"."total"(a integer, VARIADIC b integer[]), "app"."total"(integer)',
    'DROP DOMAIN "app"."cents"',
    'DROP TYPE "app"."state"',
  ]);
  assert.ok(sql.every((s) => !/CASCADE/.test(s)));
});

test('objects are the same across databases by kind, schema, name and arguments, never by a dotted string', () => {
  assert.notEqual(objectKey(o('table', 'a', 'b.c')), objectKey(o('table', 'a.b', 'c')));
  assert.notEqual(objectKey(o('function', 'a', 'f', 'integer')), objectKey(o('function', 'a', 'f', 'bigint')));
  assert.notEqual(objectKey(o('view', 'a', 'v')), objectKey(o('table', 'a', 'v')));
});

const extras = (over: Partial<TableExtras>): TableExtras => ({
  schema: 'crm',
  table: 'leads',
  indexes: [],
  triggers: [],
  rowSecurity: false,
  forceRowSecurity: false,
  policies: [],
  grants: null,
  columnGrants: [],
  options: [],
  owner: 'app',
  replicaIdentity: 'd',
  ...over,
});

test('a rebuilt table gets back what the model does not describe', () => {
  const was = extras({
    indexes: [
      { name: 'leads_score', definition: 'CREATE INDEX leads_score ON crm.leads USING btree (score DESC) INCLUDE (email)', constraint: false },
      { name: 'leads_pkey', definition: 'CREATE UNIQUE INDEX leads_pkey ON crm.leads USING btree (id) INCLUDE (email)', constraint: true },
      { name: 'leads_same', definition: 'CREATE INDEX leads_same ON crm.leads USING btree (email)', constraint: false },
    ],
    triggers: [{ name: 'leads_audit', definition: 'CREATE TRIGGER leads_audit AFTER INSERT ON crm.leads FOR EACH ROW EXECUTE FUNCTION crm.audit()', enabled: 'D' }],
    rowSecurity: true,
    forceRowSecurity: true,
    policies: ['CREATE POLICY "mine" ON "crm"."leads" AS PERMISSIVE FOR SELECT TO PUBLIC USING ((owner = CURRENT_USER))'],
    grants: ['"sales team" SELECT* by app', 'app INSERT by app'],
    columnGrants: ['PUBLIC UPDATE (email)'],
    options: ['fillfactor=80'],
    owner: 'crm_owner',
    replicaIdentity: 'f',
  });
  const now = extras({
    indexes: [
      { name: 'leads_score', definition: 'CREATE INDEX leads_score ON crm.leads USING btree (score)', constraint: false },
      { name: 'leads_pkey', definition: 'CREATE UNIQUE INDEX leads_pkey ON crm.leads USING btree (id)', constraint: true },
      { name: 'leads_same', definition: 'CREATE INDEX leads_same ON crm.leads USING btree (email)', constraint: false },
    ],
    grants: ['app INSERT by app', 'newbie SELECT by app'],
  });
  assert.deepEqual(restoreExtrasSql(was, now), [
    'DROP INDEX "crm"."leads_score"',
    'CREATE INDEX leads_score ON crm.leads USING btree (score DESC) INCLUDE (email)',
    'CREATE TRIGGER leads_audit AFTER INSERT ON crm.leads FOR EACH ROW EXECUTE FUNCTION crm.audit()',
    'ALTER TABLE "crm"."leads" DISABLE TRIGGER "leads_audit"',
    'ALTER TABLE "crm"."leads" ENABLE ROW LEVEL SECURITY',
    'ALTER TABLE "crm"."leads" FORCE ROW LEVEL SECURITY',
    'CREATE POLICY "mine" ON "crm"."leads" AS PERMISSIVE FOR SELECT TO PUBLIC USING ((owner = CURRENT_USER))',
    'ALTER TABLE "crm"."leads" SET (fillfactor=80)',
    'ALTER TABLE "crm"."leads" OWNER TO "crm_owner"',
    'REVOKE ALL ON "crm"."leads" FROM PUBLIC, "crm_owner", app, newbie',
    'GRANT SELECT ON "crm"."leads" TO "sales team" WITH GRANT OPTION',
    'GRANT INSERT ON "crm"."leads" TO app',
    'GRANT UPDATE (email) ON "crm"."leads" TO PUBLIC',
    'ALTER TABLE "crm"."leads" REPLICA IDENTITY FULL',
  ]);
  // Nothing to do when the rebuild already has it all.
  assert.deepEqual(restoreExtrasSql(now, now), []);
});
