import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from 'pg';
import { DbManageError, resetSchema, resetTable, upgrade } from '../../src/api';
import { catalogFingerprint } from '../../src/api/engine';
import { extrasImage, readTableExtras } from '../../src/engine/reset/table-extras';
import { resetProject, type ResetProject } from '../support/reset-project';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

const ROLE = `dbm_reader_${process.pid}`;
const TABLES = [
  { schema: 'public', table: 'accounts', column: 'owner_name' },
  { schema: 'reports', table: 'Daily Sums', column: 'label' },
];

/** What a hand-written migration adds that the entities do not describe. */
const extras = (t: string, tag: string) => [
  `ALTER TABLE ${t} ADD "score" integer, ADD "tags" text`,
  `CREATE INDEX "${tag}_score_desc" ON ${t} ("score" DESC NULLS LAST) INCLUDE ("tags")`,
  `CREATE INDEX "${tag}_tags_pattern" ON ${t} ("tags" text_pattern_ops) WHERE "score" > 0`,
  `CREATE FUNCTION "${tag}_touch"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW."tags" := 'touched'; RETURN NEW; END $$`,
  `CREATE TRIGGER "${tag}_touched" BEFORE UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION "${tag}_touch"()`,
  `CREATE TRIGGER "${tag}_dormant" BEFORE INSERT ON ${t} FOR EACH ROW EXECUTE FUNCTION "${tag}_touch"()`,
  `ALTER TABLE ${t} DISABLE TRIGGER "${tag}_dormant"`,
  `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
  `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`,
  `CREATE POLICY "${tag}_readers" ON ${t} AS RESTRICTIVE FOR SELECT TO "${ROLE}" USING ("score" > 0)`,
  `CREATE POLICY "${tag}_writers" ON ${t} FOR INSERT WITH CHECK ("tags" IS NOT NULL)`,
  `GRANT SELECT, UPDATE ON ${t} TO "${ROLE}"`,
  `GRANT INSERT ("tags") ON ${t} TO "${ROLE}"`,
  `ALTER TABLE ${t} SET (fillfactor = 70, autovacuum_enabled = false)`,
  `ALTER TABLE ${t} REPLICA IDENTITY FULL`,
];

const hasCode = (code: string) => (e: unknown) => e instanceof DbManageError && e.code === code;

for (const target of testTargets()) {
  describe(`reset-table and reset-schema keep what a hand-written migration added (${target.name})`, () => {
    let db: ScratchDatabase;
    let project: ResetProject;
    const options = () => ({ cwd: project.dir, env: apiEnv(db), yes: true, snapshot: false });
    const image = async () => {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        const q = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows };
        const tables = TABLES.map((t) => ({ schema: t.schema, table: t.table }));
        const found = await readTableExtras(q, tables);
        return { catalog: await catalogFingerprint(q), extras: [...found.values()].flatMap(extrasImage).join('\n'), count: found.size };
      } finally {
        await client.end();
      }
    };
    const rows = async () => adminQuery<{ a: string; d: string }>(db.url, `SELECT (SELECT count(*) FROM accounts) AS a, (SELECT count(*) FROM reports."Daily Sums") AS d`);

    before(async () => {
      await adminQuery(target.adminUrl, `DROP ROLE IF EXISTS "${ROLE}"; CREATE ROLE "${ROLE}"`);
      db = await createScratchDatabase(target, 'reset_extras');
      project = resetProject(TABLES, [{ up: [...extras('"accounts"', 'acc'), ...extras('"reports"."Daily Sums"', 'sums')] }]);
      await upgrade({ cwd: project.dir, env: apiEnv(db) });
    });
    after(async () => {
      await dropWithSnapshots(db);
      project.remove();
      await adminQuery(target.adminUrl, `DROP ROLE IF EXISTS "${ROLE}"`);
    });

    const fill = () =>
      adminQuery(db.url, `INSERT INTO accounts (owner_name, score, tags) VALUES ('a', 1, 't'), ('b', 2, 't');
        INSERT INTO reports."Daily Sums" (label, score, tags) VALUES ('x', 3, 't')`);

    test('reset-table brings the table back with its triggers, RLS, policies, grants, indexes and options', async () => {
      await fill();
      const was = await image();
      assert.equal(was.count, 2);
      assert.match(was.extras, /DESC NULLS LAST\) INCLUDE \(tags\)/);
      assert.match(was.extras, /row level security on, forced/);
      const report = await resetTable({ ...options(), table: 'accounts' });
      assert.equal(report.mode, 'recreate');
      assert.deepEqual(await rows(), [{ a: '0', d: '1' }]);
      const now = await image();
      assert.equal(now.extras, was.extras);
      assert.equal(now.catalog, was.catalog);
    });

    test('reset-schema does the same for every table in the schema, the schema and its grants stay', async () => {
      await adminQuery(db.url, `GRANT USAGE ON SCHEMA reports TO "${ROLE}"`);
      await fill();
      const was = await image();
      await resetSchema({ ...options(), schema: 'reports' });
      assert.deepEqual(await rows(), [{ a: '2', d: '0' }]);
      const now = await image();
      assert.equal(now.extras, was.extras);
      assert.equal(now.catalog, was.catalog);
      const usage = await adminQuery<{ ok: boolean }>(db.url, `SELECT has_schema_privilege('${ROLE}', 'reports', 'USAGE') AS ok`);
      assert.deepEqual(usage, [{ ok: true }]);
      await adminQuery(db.url, 'TRUNCATE accounts');
    });

    test('what a rebuild cannot make again (extended statistics) makes reset-table refuse, with nothing changed; --truncate keeps it all', async () => {
      await adminQuery(db.url, 'CREATE STATISTICS accounts_score_tags (dependencies) ON score, tags FROM accounts');
      try {
        await fill();
        const was = await image();
        const counted = await rows();
        await assert.rejects(resetTable({ ...options(), table: 'public.accounts' }), (e: unknown) => {
          assert.ok(hasCode('data-loss-refused')(e), String(e));
          assert.match((e as Error).message, /reset-table refused: a rebuild cannot bring back statistics object (public\.)?accounts_score_tags/);
          assert.match((e as DbManageError).hint ?? '', /--truncate.*Nothing was changed/);
          return true;
        });
        assert.deepEqual(await rows(), counted);
        assert.deepEqual(await image(), was);
        await resetTable({ ...options(), table: 'accounts', truncate: true });
        assert.deepEqual(await rows(), [{ a: '0', d: counted[0].d }]);
        assert.deepEqual(await image(), was);
      } finally {
        await adminQuery(db.url, 'DROP STATISTICS accounts_score_tags');
      }
    });
  });
}
