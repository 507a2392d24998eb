import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { lint } from '../../src/api';
import { ROOT } from '../support/run-cli';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

const PROJECT = join(ROOT, 'test', 'fixtures', 'lint');
const FILES = join(PROJECT, 'files');

const TABLES = `
  CREATE TABLE users (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), username varchar(80), email varchar(120), "isActive" boolean);
  CREATE TABLE posts (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), title varchar(200));
  INSERT INTO users (username) VALUES ('a'), ('b');`;

async function catalog(db: ScratchDatabase): Promise<string[]> {
  const rows = await adminQuery<{ name: string }>(
    db.url,
    `SELECT c.relname || coalesce('.' || a.attname, '') AS name FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

for (const target of testTargets()) {
  describe(`lint on the ${target.name} server`, () => {
    let db: ScratchDatabase;
    let before_: string[];
    before(async () => {
      db = await createScratchDatabase(target, 'lint');
      await adminQuery(db.url, TABLES);
      before_ = await catalog(db);
    });
    after(() => db.drop());
    const options = () => ({ cwd: PROJECT, env: apiEnv(db) });

    test('lints the pending migrations, each with its transaction mode, and runs none of them', async () => {
      const report = await lint(options());
      assert.equal(report.source, 'pending');
      assert.deepEqual(report.migrations, ['AddRequiredField1732200000000', 'IndexPostTitle1732200000001']);
      assert.deepEqual(report.violations.map((v) => [v.code, v.location.migration, v.location.line]), [['adding-required-field', 'AddRequiredField1732200000000', 6]]);
      assert.equal(report.violations[0].location.file, join('pending', '1732200000000-AddRequiredField.ts'));
      assert.deepEqual([report.errors, report.ok], [1, false]);
      assert.deepEqual(await catalog(db), before_, 'lint changed the database');
      const history = await adminQuery<{ t: string | null }>(db.url, `SELECT to_regclass('migrations')::text AS t`);
      assert.equal(history[0].t, null);
    });

    test('a target stops at that migration', async () => {
      const report = await lint({ ...options(), target: 'AddRequired' });
      assert.deepEqual(report.migrations, ['AddRequiredField1732200000000']);
    });

    test('records schema-builder calls and reads, maps them to their lines, and uses the entities', async () => {
      const report = await lint({ ...options(), file: join(FILES, 'schema-builder.ts') });
      assert.deepEqual(report.unrecorded, []);
      assert.deepEqual(
        report.violations.map((v) => [v.code, v.location.line]),
        [['adding-required-field', 9], ['require-concurrent-index-creation', 10], ['dropping-mapped-column', 13]],
      );
      assert.equal(report.ignored, 1, 'the file-wide ignore of requiring-lock-timeout');
      assert.equal(report.statements, 6);
      assert.deepEqual(await catalog(db), before_, 'lint changed the database');
    });

    test('an inline ignore silences the rule; a clean migration passes', async () => {
      const ignored = await lint({ ...options(), file: join(FILES, 'ignored.ts') });
      assert.deepEqual([ignored.violations, ignored.ignored, ignored.ok], [[], 1, true]);
      const clean = await lint({ ...options(), file: join(FILES, 'clean.ts') });
      assert.deepEqual(clean.violations, [], 'varchar(200) → varchar(300) is known not to rewrite from the catalog');
      assert.equal(clean.ok, true);
    });
  });
}

describe('lint of a .sql file', () => {
  test('needs no database', async () => {
    const report = await lint({ cwd: PROJECT, file: join(FILES, 'change.sql'), env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    assert.deepEqual(report.violations.map((v) => [v.code, v.location.line]), [['adding-required-field', 3]]);
  });
});
