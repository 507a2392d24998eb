import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Client } from 'pg';
import { downgrade, migrate, upgrade } from '../../src/api';
import { PAYLOADS } from '../fixtures/projects/backslash-payloads/payloads';
import { quoteLiteral } from '../../src/engine/sql/quote';
import { randomText } from '../support/random-text';
import { copyFixture } from '../support/scenarios';
import { ROOT } from '../support/run-cli';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type TestTarget } from '../support/test-cluster';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'projects', 'backslash-payloads');

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * On a database whose standard_conforming_strings is off, a backslash in a plain '…'
 * literal is an escape: `\'; DROP TABLE items; --` in a comment would end the string and
 * drop a table. The generated migration must store every payload byte for byte instead.
 */
async function roundTrip(target: TestTarget): Promise<void> {
  const db = await createScratchDatabase(target, 'scs_off');
  const copy = copyFixture(FIXTURE, `${target.name}-scs-off`);
  try {
    await adminQuery(target.adminUrl, `ALTER DATABASE "${db.name}" SET standard_conforming_strings = off`);
    const options = { cwd: copy.dir, datasource: 'data-source.ts', env: apiEnv(db) };
    const generated = await migrate({ ...options, message: 'payloads' });
    assert.ok(generated.changed && generated.file);
    assert.deepEqual(generated.warnings, ["Remark.frozenAt: the default 'now()' is stored as that text, not run; did you mean default: () => 'now()'?"]);
    await upgrade(options);

    await withClient(db.url, async (c) => {
      assert.equal((await c.query('SHOW standard_conforming_strings')).rows[0].standard_conforming_strings, 'off');
      assert.equal((await c.query("SELECT to_regclass('public.items') IS NOT NULL AS kept")).rows[0].kept, true, 'items survived');
      const comments = await c.query(
        "SELECT obj_description('public.remarks'::regclass, 'pg_class') AS t, col_description('public.remarks'::regclass, 2) AS c",
      );
      assert.equal(comments.rows[0].t, PAYLOADS.tableComment);
      assert.equal(comments.rows[0].c, PAYLOADS.columnComment);
      const labels = await c.query("SELECT array_agg(enumlabel::text ORDER BY enumsortorder) AS v FROM pg_enum WHERE enumtypid = 'public.remark_tone'::regtype");
      assert.deepEqual(labels.rows[0].v, PAYLOADS.enumValues);
      const row = (await c.query('INSERT INTO public.remarks DEFAULT VALUES RETURNING body, tone::text AS tone, lines, meta')).rows[0];
      assert.equal(row.body, PAYLOADS.textDefault);
      assert.equal(row.tone, PAYLOADS.enumValues[0]);
      assert.deepEqual(row.lines, PAYLOADS.arrayDefault);
      assert.deepEqual(row.meta, PAYLOADS.jsonDefault);
      await c.query('DELETE FROM public.remarks');
    });

    const again = await migrate({ ...options, message: 'again', sql: true });
    // Every payload reads back equal; only the frozen 'now()' churns, which is what the warning is for.
    assert.deepEqual(again.operations.map((o) => o.description), ["set default of public.remarks.frozenAt to 'now()'"]);
    assert.deepEqual(again.warnings, generated.warnings);
    await downgrade({ ...options, yes: true, snapshot: false, steps: 1 });
    await withClient(db.url, async (c) => {
      const left = await c.query("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname IN ('items', 'remarks')");
      assert.deepEqual(left.rows, []);
    });
  } finally {
    copy.remove();
    await db.drop();
  }
}

/** Every generated literal means its text under both settings: 400 seeded texts, one query per setting. */
async function literalsReadBack(target: TestTarget): Promise<void> {
  const texts = Array.from({ length: 400 }, (_, i) => randomText(90_000 + i, 10));
  await withClient(target.adminUrl, async (c) => {
    for (const setting of ['on', 'off']) {
      await c.query(`SET standard_conforming_strings = ${setting}`);
      const row = (await c.query(`SELECT ARRAY[${texts.map(quoteLiteral).join(', ')}]::text[] AS v`)).rows[0];
      assert.deepEqual(row.v, texts, `standard_conforming_strings = ${setting}`);
    }
  });
}

for (const target of testTargets()) {
  describe(`standard_conforming_strings = off on the ${target.name} server`, () => {
    test('every generated literal reads back as its text under either setting', () => literalsReadBack(target));
    test('comments, defaults and enum values with backslashes and quotes are stored byte for byte, nothing dropped', () => roundTrip(target));
  });
}
