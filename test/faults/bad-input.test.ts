import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXIT_STATUS } from '../../src/api';
import { copyDevloop, documentedStatuses, treeDigest, type BadInputCase, type CaseContext } from '../support/bad-input';
import { databaseFingerprint } from '../support/database-fingerprint';
import { DEVLOOP } from '../support/devloop-project';
import { assertNoSecretsLeaked, capture, faultTargets, runFaultCli, runFaultCliToFile, urlEnv } from '../support/fault-targets';
import { reportFigure } from '../support/fault-trials';
import type { CliResult } from '../support/run-cli';
import { hasScript, runInTerminal } from '../support/run-in-terminal';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-cluster';
import { ALL_CASES } from './bad-input-cases';

const STATUS = documentedStatuses();
const figures = { cases: 0, passed: 0, skipped: 0 };

/** Everything a case must show: the documented status, one error line, no stack trace. */
function checkOutput(c: BadInputCase, r: CliResult, terminal: boolean): void {
  const all = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.code, STATUS.get(c.code), `exit status ${r.code}, the README gives ${STATUS.get(c.code)} for ${c.code}:\n${all}`);
  const errors = all.split(/\r?\n/).filter((l) => /^error:/.test(l.trim()));
  assert.equal(errors.length, 1, `expected one error line:\n${all}`);
  assert.match(errors[0], c.says);
  // A library's warning may precede the error (pg on sslmode), on a line of its own.
  if (!terminal) assert.deepEqual(r.stderr.trim().split('\n').filter((l) => !l.startsWith('warning: ')), [errors[0]], 'stderr is the one error line');
  assert.doesNotMatch(all, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
  assert.doesNotMatch(all, /internal error/);
}

/**
 * Check 5: the wrong thing typed, the wrong URL, a broken project, a hostile name, a full
 * disk, a refused confirmation. Each case gives one line, the README's exit status, no
 * stack trace, and leaves the database (catalog and rows) and the project's files as they were.
 */
describe('fault: bad input', () => {
  after(() => {
    reportFigure('bad-input', figures);
    assertNoSecretsLeaked('bad-input');
  });

  test('the README documents exactly the exit status of every error code', () => {
    assert.deepEqual(Object.fromEntries([...STATUS].sort()), Object.fromEntries(Object.entries(EXIT_STATUS).sort()));
  });

  test(`there are at least 40 cases (${ALL_CASES.length})`, () => {
    assert.ok(ALL_CASES.length >= 40);
    assert.equal(new Set(ALL_CASES.map((c) => c.name)).size, ALL_CASES.length, 'case names are unique');
  });

  // Most cases are about the command line, not the server: npm test runs every case on the
  // first server and, on the others, the cases bound to that server plus every sixth one;
  // `npm run test:faults` runs every case everywhere.
  const full = process.env.FAULTS_FULL === '1';
  for (const [targetIndex, target] of faultTargets().entries()) {
    const runs = (c: BadInputCase, i: number) => full || targetIndex === 0 || c.only === target.name || i % 6 === 0;
    describe(target.name, () => {
      let db: ScratchDatabase;
      before(async () => {
        db = await createScratchDatabase(target, 'fault_input');
        for (const args of [['upgrade'], ['seed'], ['snapshot', 'fault_base']]) {
          const r = await runFaultCli(args, { cwd: DEVLOOP, env: urlEnv(db) });
          assert.equal(r.code, 0, r.stderr);
        }
      });
      after(() => dropWithSnapshots(db));

      for (const [i, c] of ALL_CASES.entries()) {
        if (!runs(c, i)) continue;
        const why = (c.only && c.only !== target.name ? `only on the ${c.only} server` : false) || c.skip?.() || (c.keys && !hasScript ? 'util-linux script is not installed' : false);
        test(c.name, { skip: why || false, timeout: 120_000 }, async () => {
          figures.cases++;
          const copy = copyDevloop();
          const ctx: CaseContext = { dir: copy.dir, db, target };
          let undo: void | (() => void) = undefined;
          try {
            undo = c.prepare?.(ctx);
            const env = { ...urlEnv(db), ...(c.env?.(ctx) ?? {}) };
            const args = typeof c.args === 'function' ? c.args(ctx) : c.args;
            // As a shell does for `> file`, the output file exists (empty) before the command runs.
            if (c.stdoutTo) writeFileSync(join(copy.dir, c.stdoutTo), '');
            const [files, before] = [treeDigest(copy.dir), await databaseFingerprint(db.url)];
            let result: CliResult;
            if (c.stdoutTo) {
              result = await runFaultCliToFile(args, join(copy.dir, c.stdoutTo), { cwd: copy.dir, env });
            } else if (c.keys) {
              // The terminal runs from the repository: the project is named by its data source.
              result = await runInTerminal([...args, '-d', join(copy.dir, 'ormconfig.ts')], { env, keys: c.keys, prompt: /Type yes to continue: / });
              capture(args.join(' '), result.stdout);
            } else {
              result = await runFaultCli(args, { cwd: copy.dir, env });
            }
            checkOutput(c, result, Boolean(c.keys));
            const afterwards = await databaseFingerprint(db.url);
            assert.equal(afterwards.catalog, before.catalog, 'the catalog is unchanged');
            assert.equal(afterwards.data, before.data, 'the data is unchanged');
            assert.equal(treeDigest(copy.dir), files, 'no file of the project was written or removed');
            // The full run also asks for --json: the error's code, not only its status.
            if (full && !c.keys && !c.stdoutTo) {
              const json = await runFaultCli([...args, '--json'], { cwd: copy.dir, env });
              assert.equal((JSON.parse(json.stdout) as { error: { code: string } }).error.code, c.code, json.stdout);
            }
            figures.passed++;
          } finally {
            if (typeof undo === 'function') undo();
            copy.remove();
          }
        });
        if (why) figures.skipped++;
      }
    });
  }
});
