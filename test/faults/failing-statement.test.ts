import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { databaseFingerprint, type DatabaseFingerprint } from '../support/database-fingerprint';
import { faultMigrationName, faultProject, statementsOf } from '../support/fault-project';
import { assertNoSecretsLeaked, faultTargets, runFaultCli, urlEnv } from '../support/fault-targets';
import { reportFigure, seededRandom, trials } from '../support/fault-trials';
import { createScratchDatabase, type TestTarget } from '../support/test-cluster';

const MIGRATIONS = 20;

/** Statements that fail wherever they stand, and what PostgreSQL says about each. */
const FAILURES: readonly { readonly sql: string; readonly says: string }[] = [
  { sql: 'SELECT 1 / 0', says: 'division by zero' },
  { sql: 'UPDATE "fault_missing" SET "x" = 1', says: 'relation "fault_missing" does not exist' },
  { sql: 'SELEC 1', says: 'syntax error at or near "SELEC"' },
  { sql: `SELECT 'x'::integer`, says: 'invalid input syntax for type integer: "x"' },
  { sql: `DO $$ BEGIN RAISE EXCEPTION 'custom failure %', 42; END $$`, says: 'custom failure 42' },
];

/** The database a clean run up to `level` migrations leaves, computed once per level. */
function references(target: TestTarget): (level: number) => Promise<DatabaseFingerprint> {
  const cache = new Map<number, Promise<DatabaseFingerprint>>();
  return (level) => {
    if (!cache.has(level)) {
      cache.set(
        level,
        (async () => {
          const project = faultProject({ count: level });
          const db = await createScratchDatabase(target, 'fault_ref');
          try {
            const r = await runFaultCli(['upgrade', '-d', 'data-source.ts'], { cwd: project.dir, env: urlEnv(db) });
            assert.equal(r.code, 0, r.stderr);
            return await databaseFingerprint(db.url);
          } finally {
            await db.drop();
            project.remove();
          }
        })(),
      );
    }
    return cache.get(level) as Promise<DatabaseFingerprint>;
  };
}

/**
 * Check 3: migration m fails at its statement k, after the database was brought to
 * migration s < m. Under `each` the database is left exactly at migration m - 1, under
 * `all` exactly where the run began (catalog and data compared); the error names the
 * migration, the statement and PostgreSQL's message, on one line.
 */
describe('fault: a migration that fails at statement k', () => {
  after(() => assertNoSecretsLeaked('failing-statement'));

  for (const target of faultTargets()) {
    const reference = references(target);
    for (const mode of ['each', 'all'] as const) {
      test(`the database is left exactly at the last good migration (--transaction ${mode}, ${target.name})`, { timeout: 1_800_000 }, async () => {
        const count = trials(20, 2);
        const random = seededRandom(0x6661696c + (mode === 'all' ? 1 : 0));
        const problems: string[] = [];
        for (let trial = 0; trial < count; trial++) {
          const m = 1 + Math.floor(random() * MIGRATIONS);
          const failure = FAILURES[trial % FAILURES.length];
          const k = 1 + Math.floor(random() * (statementsOf(m, { count: MIGRATIONS }).length + 1));
          const start = Math.floor(random() * m);
          const fail = (what: string) => problems.push(`trial ${trial} (migration ${m}, statement ${k}, from ${start}): ${what}`);
          const project = faultProject({ count: MIGRATIONS, failing: { migration: m, statement: k, sql: failure.sql } });
          const db = await createScratchDatabase(target, 'fault_stmt');
          try {
            const env = urlEnv(db);
            if (start > 0) {
              const first = await runFaultCli(['upgrade', faultMigrationName(start), '-d', 'data-source.ts'], { cwd: project.dir, env });
              assert.equal(first.code, 0, first.stderr);
            }
            const run = await runFaultCli(['upgrade', '--transaction', mode, '-d', 'data-source.ts'], { cwd: project.dir, env });
            if (run.code !== 6) fail(`exit ${run.code}, expected 6 (migration-failed)`);
            const lines = run.stderr.trim().split('\n');
            if (lines.length !== 1 || !lines[0].startsWith('error: ')) fail(`not one error line: ${JSON.stringify(run.stderr)}`);
            const expected = `error: migration ${faultMigrationName(m)} failed on ${failure.sql}: ${failure.says}`;
            if (!lines[0].startsWith(expected)) fail(`the error says ${JSON.stringify(lines[0])}, expected it to start with ${JSON.stringify(expected)}`);
            if (/\n\s+at /.test(run.stdout + run.stderr)) fail('a stack trace was printed');

            const level = mode === 'each' ? m - 1 : start;
            const [actual, wanted] = await Promise.all([databaseFingerprint(db.url), reference(level)]);
            if (actual.catalog !== wanted.catalog) fail(`the catalog differs from migration ${level}'s`);
            if (actual.data !== wanted.data) fail(`the data differs from migration ${level}'s:\n${actual.data}\n---\n${wanted.data}`);
          } finally {
            await db.drop();
            project.remove();
          }
        }
        reportFigure(`failing-statement --transaction ${mode} (${target.name})`, { trials: count, failures: problems.length });
        assert.deepEqual(problems, []);
      });
    }
  }
});
