import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseTool, parseToolVersion, toolCandidates, toolMissing, type PgTool } from '../../../src/engine/backup/pg-tool';

test('versions are read from --version output', () => {
  assert.deepEqual(parseToolVersion('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n'), { version: '15.20', major: 15 });
  assert.deepEqual(parseToolVersion('pg_dump (PostgreSQL) 17.6'), { version: '17.6', major: 17 });
  assert.deepEqual(parseToolVersion('pg_dump (PostgreSQL) 18beta1'), { version: '18', major: 18 });
  assert.deepEqual(parseToolVersion('psql (PostgreSQL) 9.6.24'), { version: '9.6.24', major: 9.6 });
  assert.equal(parseToolVersion('command not found'), null);
});

test('candidates: the explicit folder, PATH, then the versioned install folders', () => {
  const found = toolCandidates('pg_dump', 17, { PATH: '/usr/local/bin:/usr/bin', DB_MANAGE_PG_BINDIR: '/opt/pg17/bin' });
  assert.deepEqual(found.slice(0, 4), ['/opt/pg17/bin/pg_dump', '/usr/local/bin/pg_dump', '/usr/bin/pg_dump', '/usr/lib/postgresql/17/bin/pg_dump']);
  assert.ok(found.includes('/usr/pgsql-17/bin/pg_dump'));
  assert.ok(found.includes('/opt/homebrew/opt/postgresql@17/bin/pg_dump'));
});

const tool = (path: string, version: string, major: number): PgTool => ({ name: 'pg_dump', path, version, major });

test('only a tool of the server major version is chosen', () => {
  const found = [tool('/usr/bin/pg_dump', '15.20', 15), tool('/usr/lib/postgresql/17/bin/pg_dump', '17.6', 17)];
  assert.equal(chooseTool(found, 17)?.path, '/usr/lib/postgresql/17/bin/pg_dump');
  assert.equal(chooseTool(found, 15)?.path, '/usr/bin/pg_dump');
  assert.equal(chooseTool(found, 16), null);
});

test('the missing-tool error names the version needed and points at snapshot', () => {
  const err = toolMissing('pg_dump', { version: '17.6', major: 17 }, 'backup', [tool('/usr/bin/pg_dump', '15.20', 15)]);
  assert.equal(err.code, 'tool-missing');
  assert.equal(err.message, 'backup needs pg_dump 17 to match the server (PostgreSQL 17.6); found pg_dump 15.20 at /usr/bin/pg_dump');
  assert.match(err.hint ?? '', /PostgreSQL 17 client tools.*npx db-manage snapshot, which needs no client tools/);
  assert.match(toolMissing('psql', { version: '16.1', major: 16 }, 'restore-backup', []).message, /no psql was found/);
});
