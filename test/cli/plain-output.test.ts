import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { COMMANDS } from '../../src/cli/commands';
import { trials } from '../support/fault-trials';
import { copyFixture } from '../support/scenarios';
import { ROOT, runCli, type CliResult } from '../support/run-cli';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { createScratchDatabase, embeddedTarget, type ScratchDatabase } from '../support/test-cluster';

// Output is the CLI's business, the same on every server: the embedded one is enough.
const target = embeddedTarget();
const ANSI = /\u001b\[/;
const NAMES = ['help', ...COMMANDS.map((c) => c.name)];
/** A command named the way nobody can run it: `db-manage x` without npx or npm run in front. */
const BARE = new RegExp(`(?<!npx |run )\\bdb-manage (${NAMES.join('|')})\\b`);

/**
 * Every command, run so that it does something (or fails the way a user makes it fail) in
 * a project of its own. stop/start see a DATABASE_URL, so they never touch the test cluster.
 */
const RUNS: Record<string, readonly string[]> = {
  init: ['init'],
  setup: ['setup'],
  migrate: ['migrate', 'Nothing new'],
  revision: ['revision', 'Hand written'],
  upgrade: ['upgrade'],
  downgrade: ['downgrade', '--sql'],
  current: ['current'],
  history: ['history'],
  stamp: ['stamp', 'nope'],
  check: ['check'],
  status: ['status'],
  url: ['url', '--masked'],
  start: ['start'],
  stop: ['stop'],
  reset: ['reset', '--yes', '--no-snapshot'],
  'reset-schema': ['reset-schema', 'public'],
  'reset-table': ['reset-table', 'users', '--yes', '--no-snapshot'],
  seed: ['seed'],
  snapshot: ['snapshot', 'plain-output'],
  restore: ['restore', 'plain-output', '--yes', '--no-snapshot'],
  snapshots: ['snapshots'],
  backup: ['backup', join('.db-manage', 'plain.dump')],
  'restore-backup': ['restore-backup', 'missing.dump'],
  lint: ['lint'],
  fleet: ['fleet', 'status', '--targets', '-'],
  help: ['help'],
};

describe('output without colour, and hints a user can run, for every command', () => {
  let db: ScratchDatabase;
  let project: { dir: string; remove: () => void };
  const cli = (args: readonly string[], env: Record<string, string | undefined> = {}) =>
    runCli(args, { cwd: project.dir, env: { DATABASE_URL: db.url, NO_COLOR: undefined, ...env } });
  const shown = (r: CliResult) => `${r.stdout}${r.stderr}`;

  before(async () => {
    db = await createScratchDatabase(target, 'cli_plain_output');
    project = copyFixture(join(ROOT, 'test', 'fixtures', 'projects', 'phone'), 'plain-output');
  });
  after(async () => {
    project.remove();
    await dropWithSnapshots(db);
  });

  test('the list covers every command in the registry', () => {
    assert.deepEqual(Object.keys(RUNS).sort(), [...NAMES].sort());
  });

  test('control: FORCE_COLOR alone colours the output, so the checks below can fail', async () => {
    const r = await cli(['stamp', 'nope'], { FORCE_COLOR: '1' });
    assert.match(r.stderr, ANSI);
  });

  // Half the commands check --no-color and half NO_COLOR; FAULTS_FULL=1 checks both for each.
  const both = trials(2, 1) === 2;
  NAMES.forEach((name, i) => {
    const ways: [string, readonly string[], Record<string, string>][] = [
      ['--no-color', ['--no-color'], { FORCE_COLOR: '1' }],
      ['NO_COLOR', [], { FORCE_COLOR: '1', NO_COLOR: '1' }],
    ];
    for (const [label, flags, env] of both ? ways : [ways[i % 2]]) {
      test(`${name} with ${label} (and FORCE_COLOR=1): no escape codes; every command it names can be run`, async () => {
        const r = await cli([...RUNS[name], ...flags], env);
        assert.ok(r.code !== 70, `${name} crashed: ${shown(r)}`);
        assert.doesNotMatch(shown(r), ANSI, shown(r));
        assert.doesNotMatch(shown(r), BARE, shown(r));
      });
    }
  });

  test('every command\'s --help shows a usage line that runs: npx db-manage <command>', async () => {
    const names = NAMES.filter((n) => n !== 'help');
    // --help loads no database code: four at a time keeps it quick.
    for (let i = 0; i < names.length; i += 4) {
      await Promise.all(
        names.slice(i, i + 4).map(async (name) => {
          const r = await cli([name, '--help']);
          assert.equal(r.code, 0, r.stderr);
          assert.match(r.stdout.split('\n')[0], new RegExp(`^npx db-manage ${name}\\b`));
          assert.doesNotMatch(r.stdout, BARE);
        }),
      );
    }
  });

  test('help --json is one JSON document listing every command with its options', async () => {
    const r = await cli(['help', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { commands: { name: string; describe: string; options: { name: string }[] }[]; globalOptions: { name: string }[] };
    assert.deepEqual(doc.commands.map((c) => c.name), COMMANDS.map((c) => c.name));
    for (const c of doc.commands) assert.ok(c.describe.length > 0, c.name);
    assert.deepEqual(doc.commands.find((c) => c.name === 'downgrade')?.options.map((o) => o.name), ['force', 'snapshot', 'target', 'steps', 'transaction', 'sql']);
    assert.deepEqual(doc.globalOptions.map((o) => o.name), ['datasource', 'url', 'json', 'yes', 'color', 'verbose']);
    assert.equal(r.stderr, '');
  });
});
