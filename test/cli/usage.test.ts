import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from '../support/run-cli';

describe('db-manage usage', () => {
  test('help lists every command with a description', async () => {
    for (const args of [['help'], ['--help']]) {
      const r = await runCli(args);
      assert.equal(r.code, 0, r.stderr);
      for (const name of ['status', 'url', 'start', 'stop']) assert.match(r.stdout, new RegExp(`db-manage ${name}\\b.*\\S`));
    }
  });

  test('an unknown command is a usage error with exit 2', async () => {
    const r = await runCli(['frobnicate']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /frobnicate/);
  });

  test('an unknown option is a usage error with exit 2', async () => {
    const r = await runCli(['status', '--bogus']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown argument/);
  });

  test('no command at all is a usage error', async () => {
    const r = await runCli([]);
    assert.equal(r.code, 2);
  });

  test('a missing data source file names the path and how to fix it', async () => {
    const r = await runCli(['status', '-d', 'nope/data-source.ts']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /data source file not found: nope\/data-source\.ts/);
  });
});
