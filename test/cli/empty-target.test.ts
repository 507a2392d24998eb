import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { seededRandom } from '../support/fault-trials';
import { FIXTURES } from '../support/fixture-project';
import { runCli } from '../support/run-cli';
import { adminQuery, createScratchDatabase, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

const BASIC = join(FIXTURES, 'runner', 'basic');
const D = ['-d', 'data-source.ts'];

/** A shell variable left empty, or holding only what the shell did not strip. */
function emptyTargets(seed: number, n: number): string[] {
  const random = seededRandom(seed);
  const blanks = [' ', '\t', '\n', '\r\n', '  '];
  const out = [''];
  for (let i = 0; i < n; i++) {
    let s = '';
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) s += blanks[Math.floor(random() * blanks.length)];
    out.push(s);
  }
  return out;
}

/** Every command that takes a target, with the flags that would let it run unattended. */
const COMMANDS: readonly (readonly string[])[] = [['upgrade'], ['downgrade', '--yes', '--no-snapshot'], ['stamp'], ['lint'], ['upgrade', '--sql'], ['downgrade', '--sql']];

for (const target of testTargets()) {
  describe(`an empty target is refused by every command that takes one (${target.name})`, () => {
    let db: ScratchDatabase;
    after(() => db?.drop());

    test('exit 2, one line naming the command, history and tables untouched', async () => {
      db = await createScratchDatabase(target, 'cli_empty_target');
      const env = targetEnv(db);
      const up = await runCli(['upgrade', ...D], { cwd: BASIC, env });
      assert.equal(up.code, 0, up.stderr);
      const state = async () => ({
        history: await adminQuery(db.url, 'SELECT "name" FROM "migrations" ORDER BY "id"'),
        tables: await adminQuery(db.url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`),
      });
      const before = await state();
      // Each command meets another kind of blank; every other one runs under --json.
      const blanks = emptyTargets(2207, 5);
      let i = 0;
      for (const command of COMMANDS) {
        const json = i % 2 === 1;
        const blank = blanks[i++ % blanks.length];
        const args = [command[0], blank, ...command.slice(1), ...D, ...(json ? ['--json'] : [])];
        const r = await runCli(args, { cwd: BASIC, env });
        assert.equal(r.code, 2, `${JSON.stringify(args)}: ${r.stderr}`);
        const lines = r.stderr.trim().split('\n');
        assert.equal(lines.length, 1, r.stderr);
        assert.match(lines[0], new RegExp(`^error: ${command[0]} was given an empty target\\. .*Give `));
        if (json) assert.equal(JSON.parse(r.stdout).error.code, 'usage');
      }
      assert.deepEqual(await state(), before);
    });
  });
}

test('the target is refused before anything connects: a dead server is never reached', async () => {
  const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' };
  for (const command of COMMANDS.filter((c) => c.length === 1)) {
    const r = await runCli([command[0], '', ...command.slice(1), ...D], { cwd: BASIC, env });
    assert.equal(r.code, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /connect/);
  }
});
