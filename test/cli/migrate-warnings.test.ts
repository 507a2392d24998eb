import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { copyFixture } from '../support/scenarios';
import { ROOT, runCli } from '../support/run-cli';
import { createScratchDatabase, embeddedTarget, targetEnv } from '../support/test-cluster';

test("migrate prints a one-line warning for a string default that reads like a function call, and still writes", async () => {
  const target = embeddedTarget();
  const db = await createScratchDatabase(target, 'cli_warn');
  const project = copyFixture(join(ROOT, 'test', 'fixtures', 'projects', 'backslash-payloads'), `cli-warn-${target.name}`);
  try {
    const r = await runCli(['migrate', 'Remarks', '--datasource', 'data-source.ts'], { cwd: project.dir, env: targetEnv(db) });
    assert.equal(r.code, 0, r.stderr);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning:'));
    assert.deepEqual(warnings, ["warning: Remark.frozenAt: the default 'now()' is stored as that text, not run; did you mean default: () => 'now()'?"]);
    assert.equal(readdirSync(join(project.dir, 'migrations')).length, 1);
  } finally {
    project.remove();
    await db.drop();
  }
});

test('check prints the same warning, once, and still answers on the database alone', async () => {
  const target = embeddedTarget();
  const db = await createScratchDatabase(target, 'cli_warn_check');
  const project = copyFixture(join(ROOT, 'test', 'fixtures', 'projects', 'backslash-payloads'), `cli-warn-check-${target.name}`);
  try {
    const r = await runCli(['check', '--datasource', 'data-source.ts'], { cwd: project.dir, env: targetEnv(db) });
    assert.equal(r.code, 1, r.stderr);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning:'));
    assert.deepEqual(warnings, ["warning: Remark.frozenAt: the default 'now()' is stored as that text, not run; did you mean default: () => 'now()'?"]);
  } finally {
    project.remove();
    await db.drop();
  }
});

test('migrate warns, once a column, about a default longer than the column holds (fuzz seed 1613), and still writes', async () => {
  const target = embeddedTarget();
  const db = await createScratchDatabase(target, 'cli_warn_long');
  const project = copyFixture(join(ROOT, 'test', 'fixtures', 'projects', 'long-default'), `cli-warn-long-${target.name}`);
  try {
    const r = await runCli(['migrate', 'Logs', '--datasource', 'data-source.ts'], { cwd: project.dir, env: targetEnv(db) });
    assert.equal(r.code, 0, r.stderr);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning:'));
    assert.deepEqual(warnings, [
      'warning: crm.HTTPLog.code: the default "abc" is longer than character(2) holds, so every insert that uses it fails, and so does adding the column to a table that exists; shorten the default or widen the column',
      `warning: crm.HTTPLog.ratio: the default "it's" is longer than character varying(1)[] holds, so every insert that uses it fails, and so does adding the column to a table that exists; shorten the default or widen the column`,
    ]);
    assert.equal(readdirSync(join(project.dir, 'migrations')).length, 1);
  } finally {
    project.remove();
    await db.drop();
  }
});
