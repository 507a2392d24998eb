import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DbManageError, resetDatabase, upgrade } from '../../src/api';
import { resetProject, type ResetProject } from '../support/reset-project';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

const TABLES = [
  { schema: 'public', table: 'wallets', column: 'holder' },
  { schema: 'ledger', table: 'entries', column: 'memo' },
];

// A hand-written migration the entities know nothing about: every kind of object reset must remake.
const HAND_WRITTEN = [
  `ALTER TABLE "wallets" ADD "balance" integer NOT NULL DEFAULT 0`,
  `CREATE SEQUENCE "receipt_numbers" START 1000`,
  `CREATE TABLE "wallet_events" ("id" serial PRIMARY KEY, "what" text NOT NULL)`,
  `CREATE FUNCTION "log_wallet_change"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO "wallet_events" ("what") VALUES (TG_OP); RETURN NEW; END $$`,
  `CREATE TRIGGER "wallets_logged" AFTER INSERT OR UPDATE ON "wallets" FOR EACH ROW EXECUTE FUNCTION "log_wallet_change"()`,
  `CREATE VIEW "big_wallets" AS SELECT "id", "holder" FROM "wallets" WHERE "balance" > 100`,
  `ALTER TABLE "wallets" ENABLE ROW LEVEL SECURITY`,
  `CREATE POLICY "holder_sees_own" ON "wallets" USING ("holder" = current_user)`,
  `CREATE DOMAIN "ledger"."cents" AS bigint CHECK (VALUE >= 0)`,
  `CREATE TYPE "ledger"."direction" AS ENUM ('in', 'out')`,
  `CREATE MATERIALIZED VIEW "ledger"."entry_count" AS SELECT count(*) AS n FROM "ledger"."entries"`,
  `CREATE FUNCTION "ledger"."double"(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 2'`,
  `CREATE FUNCTION "ledger"."double"(bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 2'`,
];

const hasCode = (code: string) => (e: unknown) => e instanceof DbManageError && e.code === code;

for (const target of testTargets()) {
  describe(`reset of a project whose migrations make objects the entities do not manage (${target.name})`, () => {
    let db: ScratchDatabase;
    let project: ResetProject;
    const options = () => ({ cwd: project.dir, env: apiEnv(db), yes: true, snapshot: false });
    const one = async <T>(sql: string) => (await adminQuery<T>(db.url, sql))[0];

    before(async () => {
      db = await createScratchDatabase(target, 'reset_objects');
      project = resetProject(TABLES, [{ up: HAND_WRITTEN }]);
      await upgrade({ cwd: project.dir, env: apiEnv(db) });
      await adminQuery(db.url, `INSERT INTO wallets (holder, balance) VALUES ('ann', 500), ('bob', 5); INSERT INTO ledger.entries (memo) VALUES ('x'), ('y')`);
      // Made by hand, by no migration: reset must leave these alone.
      await adminQuery(db.url, `CREATE TABLE public.kept_notes (note text); INSERT INTO public.kept_notes VALUES ('mine');
        CREATE FUNCTION public.by_hand() RETURNS int LANGUAGE sql AS 'SELECT 7'; CREATE VIEW ledger.by_hand_view AS SELECT 1 AS one`);
    });
    after(async () => {
      await dropWithSnapshots(db);
      project.remove();
    });

    test('reaches head from a clean slate, makes every object again, keeps what no migration made', async () => {
      for (let round = 1; round <= 2; round++) {
        const report = await resetDatabase(options());
        assert.deepEqual(report.upgrade.applied.map((m) => m.name), project.migrations, `round ${round}`);
        const notes = report.plan.notes.join('\n');
        assert.match(notes, /also dropped, because a migration of the project makes them: .*public\.big_wallets \(view\)/);
        assert.match(notes, /public\.log_wallet_change\(\) \(function\)/);
        assert.match(notes, /ledger\.double\(bigint\) \(function\), ledger\.double\(integer\) \(function\)/);
        assert.ok(report.plan.tables.some((t) => t.table === 'wallet_events'), 'the helper table and its rows are in the plan');
        assert.deepEqual(
          report.leftAlone.map((o) => `${o.schema}.${o.name} ${o.kind}`).sort(),
          ['ledger.by_hand_view view', 'public.by_hand() function', 'public.kept_notes table'],
        );
        const history = await adminQuery<{ name: string }>(db.url, 'SELECT name FROM migrations ORDER BY id');
        assert.deepEqual(history.map((h) => h.name), project.migrations);
        assert.equal((await one<{ n: string }>('SELECT count(*) AS n FROM wallets')).n, '0');
        assert.equal((await one<{ n: string }>('SELECT count(*) AS n FROM wallet_events')).n, '0');
        const objects = await one<Record<string, boolean>>(`SELECT
          to_regclass('public.big_wallets') IS NOT NULL AS view, to_regclass('public.receipt_numbers') IS NOT NULL AS sequence,
          to_regclass('ledger.entry_count') IS NOT NULL AS matview,
          EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'wallets_logged') AS trigger,
          EXISTS (SELECT 1 FROM pg_policy WHERE polname = 'holder_sees_own') AS policy,
          (SELECT relrowsecurity FROM pg_class WHERE oid = 'public.wallets'::regclass) AS rls,
          to_regtype('ledger.cents') IS NOT NULL AS domain, to_regtype('ledger.direction') IS NOT NULL AS enum,
          (SELECT count(*) = 2 FROM pg_proc WHERE proname = 'double') AS overloads`);
        assert.deepEqual(Object.entries(objects).filter(([, v]) => !v), [], `round ${round}: every object the migrations make is back`);
        // The trigger works on the rebuilt table.
        await adminQuery(db.url, `INSERT INTO wallets (holder) VALUES ('cy')`);
        assert.equal((await one<{ n: string }>('SELECT count(*) AS n FROM wallet_events')).n, '1');
        assert.deepEqual(await adminQuery(db.url, 'SELECT note FROM kept_notes'), [{ note: 'mine' }]);
        assert.equal((await one<{ v: number }>('SELECT public.by_hand() AS v')).v, 7);
        assert.equal((await one<{ one: number }>('SELECT one FROM ledger.by_hand_view')).one, 1);
      }
    });

    test('a migration that fails during the replay leaves the database exactly as it was', async () => {
      // The next migration makes a view named like a table made by hand: replaying it must fail.
      await adminQuery(db.url, `CREATE TABLE public.monthly (m int); INSERT INTO public.monthly VALUES (1), (2)`);
      const name = project.addMigration({ up: ['CREATE VIEW "monthly" AS SELECT 1 AS m'] });
      try {
        await adminQuery(db.url, `INSERT INTO wallets (holder) VALUES ('dan'), ('eve')`);
        const before = await adminQuery(db.url, 'SELECT (SELECT count(*) FROM wallets) AS w, (SELECT count(*) FROM wallet_events) AS e, (SELECT count(*) FROM migrations) AS h');
        await assert.rejects(resetDatabase(options()), (e: unknown) => {
          assert.ok(hasCode('migration-failed')(e), String(e));
          assert.match((e as Error).message, new RegExp(`^reset: migration ${name} failed on CREATE VIEW "monthly".*already exists`));
          assert.match((e as DbManageError).hint ?? '', /rolled back as a whole: the database is as it was/);
          return true;
        });
        const after = await adminQuery(db.url, 'SELECT (SELECT count(*) FROM wallets) AS w, (SELECT count(*) FROM wallet_events) AS e, (SELECT count(*) FROM migrations) AS h');
        assert.deepEqual(after, before);
        assert.equal((await one<{ n: string }>('SELECT count(*) AS n FROM monthly')).n, '2');
      } finally {
        await adminQuery(db.url, 'DROP TABLE public.monthly');
      }
      // With the clash gone, reset reaches the new head.
      const report = await resetDatabase(options());
      assert.equal(report.upgrade.to?.name, name);
    });
  });
}
