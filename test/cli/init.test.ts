import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

describe('db-manage init', () => {
  test('scaffolds a new project, then does nothing the second time', async () => {
    const dir = scratchDir('dbm-init-');
    const first = await runCli(['init'], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /created\s+ormconfig\.ts/);
    assert.match(first.stdout, /created\s+src\/migrations/);
    assert.match(readFileSync(join(dir, '.env.example'), 'utf8'), /DATABASE_URL/);
    const second = await runCli(['init', '--json'], { cwd: dir });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(JSON.parse(second.stdout).changed, false);
  });

  test('never overwrites an existing file', async () => {
    const dir = scratchDir('dbm-init-');
    writeFileSync(join(dir, '.env.example'), 'MINE=1\n');
    writeFileSync(join(dir, '.gitignore'), 'dist\n');
    const r = await runCli(['init'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dir, '.env.example'), 'utf8'), 'MINE=1\n');
    assert.equal(readFileSync(join(dir, '.gitignore'), 'utf8'), 'dist\nnode_modules/\n.db-manage/\n.env\n');
    assert.match(r.stdout, /exists\s+\.env\.example/);
    assert.match(r.stdout, /updated\s+\.gitignore/);
  });
});
