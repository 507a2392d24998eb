import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../support/run-cli';
import { adminQuery, createScratchDatabase, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

const DATASOURCE = ['-d', 'test/fixtures/lint/ormconfig.ts'];
const FILES = 'test/fixtures/lint/files';

for (const target of testTargets()) {
  describe(`db-manage lint (${target.name})`, () => {
    let db: ScratchDatabase;
    before(async () => {
      db = await createScratchDatabase(target, 'cli_lint');
      await adminQuery(db.url, 'CREATE TABLE users (id serial PRIMARY KEY); CREATE TABLE posts (id serial PRIMARY KEY, title varchar(200))');
    });
    after(() => db.drop());

    test('--json on a hand-written migration adding a NOT NULL column reports the rule and exits 1', async () => {
      const r = await runCli(['lint', `${FILES}/required-field.ts`, '--json', ...DATASOURCE], { env: targetEnv(db) });
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.deepEqual(
        report.violations.map((v: { code: string; level: string }) => [v.code, v.level]),
        [['adding-required-field', 'error']],
      );
      assert.equal(report.violations[0].sql, 'ALTER TABLE users ADD COLUMN x bigint NOT NULL');
      assert.deepEqual(report.violations[0].location, { migration: 'RequiredField1732300000000', statement: 1, file: `${FILES}/required-field.ts`, line: 6 });
      assert.equal(report.ok, false);
      const columns = await adminQuery(db.url, `SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'x'`);
      assert.equal(columns.length, 0, 'lint must not run the migration');
    });

    test('the pending migrations of a project, in human form', async () => {
      const r = await runCli(['lint', ...DATASOURCE], { env: targetEnv(db) });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /^error\[adding-required-field\] adding NOT NULL column "x"/m);
      assert.match(r.stdout, /--> test\/fixtures\/lint\/pending\/1732200000000-AddRequiredField\.ts:6 /);
      assert.match(r.stdout, /✖ Linted 2 migrations \(4 statements\): 1 error, 0 warnings/);
    });

    test('a clean migration exits 0', async () => {
      const r = await runCli(['lint', `${FILES}/clean.ts`, '--json', ...DATASOURCE], { env: targetEnv(db) });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).violations, []);
    });

    test('an ignore comment silences the rule', async () => {
      const r = await runCli(['lint', `${FILES}/ignored.ts`, '--json', ...DATASOURCE], { env: targetEnv(db) });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const report = JSON.parse(r.stdout);
      assert.deepEqual([report.violations, report.ignored], [[], 1]);
    });
  });
}

describe('db-manage lint without a database', () => {
  test('a .sql file', async () => {
    const r = await runCli(['lint', `${FILES}/change.sql`], { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /error\[adding-required-field\]/);
    assert.match(r.stdout, /--> test\/fixtures\/lint\/files\/change\.sql:3 \(change, statement 2\)/);
  });

  test('--rules lists every rule with its level', async () => {
    const r = await runCli(['lint', '--rules', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const { rules } = JSON.parse(r.stdout);
    assert.ok(rules.some((rule: { code: string; level: string }) => rule.code === 'adding-required-field' && rule.level === 'error'));
  });
});
