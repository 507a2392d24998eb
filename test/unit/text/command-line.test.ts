import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { commandLine, npmScriptFor, shellWord } from '../../../src/engine/text/command-line';

const dir = mkdtempSync(join(tmpdir(), 'dbm-command-line-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const pkg = join(dir, 'package.json');
writeFileSync(
  pkg,
  JSON.stringify({ scripts: { test: 'node test.js', 'migrations:apply': 'db-manage upgrade', 'db:seed': 'node bin/db-manage.js seed', all: 'db-manage' } }),
);

test('outside npm scripts a hint is npx db-manage, which is on every PATH', () => {
  assert.equal(commandLine('upgrade', '', {}), 'npx db-manage upgrade');
  assert.equal(commandLine('stamp', 'Add1', {}), 'npx db-manage stamp Add1');
});

test('run through a db-manage npm script, a hint names the script that runs that command', () => {
  const env = { npm_package_json: pkg, npm_lifecycle_script: 'db-manage upgrade' };
  assert.equal(commandLine('upgrade', '', env), 'npm run migrations:apply');
  assert.equal(commandLine('seed', '--users 3', env), 'npm run db:seed -- --users 3');
  // No script runs `reset`: npx always works.
  assert.equal(commandLine('reset', '--yes', env), 'npx db-manage reset --yes');
});

test('a script that is not db-manage (npm test) does not change the hints', () => {
  assert.equal(npmScriptFor('upgrade', { npm_package_json: pkg, npm_lifecycle_script: 'node test.js' }), undefined);
  assert.equal(commandLine('upgrade', '', { npm_package_json: pkg, npm_lifecycle_script: 'node test.js' }), 'npx db-manage upgrade');
});

test('arguments are quoted only when a shell would split or expand them', () => {
  assert.equal(shellWord('auto-20261129-downgrade'), 'auto-20261129-downgrade');
  assert.equal(shellWord('backups/my dump.sql'), `'backups/my dump.sql'`);
  assert.equal(shellWord(`it's`), `'it'\\''s'`);
});
