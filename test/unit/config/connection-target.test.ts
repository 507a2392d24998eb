import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { connectionTarget } from '../../../src/engine/config/connection-target';
import { scratchDir } from '../../support/scratch-dir';

const dir = scratchDir('dbm-target-');

test('DATABASE_URL in the environment wins over .env', () => {
  writeFileSync(join(dir, '.env'), 'DATABASE_URL=postgres://from@dotenv/db\n');
  const t = connectionTarget({ cwd: dir, env: { DATABASE_URL: 'postgres://from@env/db' } });
  assert.deepEqual(t, { kind: 'external', url: 'postgres://from@env/db', source: 'environment' });
});

test('.env supplies DATABASE_URL when the environment does not', () => {
  writeFileSync(join(dir, '.env'), 'DATABASE_URL=postgres://from@dotenv/db\n');
  const t = connectionTarget({ cwd: dir, env: {} });
  assert.equal(t.kind, 'external');
  assert.equal(t.url, 'postgres://from@dotenv/db');
});

test('without DATABASE_URL the embedded server is used, never on 5432', () => {
  writeFileSync(join(dir, '.env'), 'DB_MANAGE_PG_PORT=6001\n');
  const t = connectionTarget({ cwd: dir, env: {} });
  assert.equal(t.kind, 'embedded');
  assert.match(t.url, /^postgres:\/\/postgres@127\.0\.0\.1:6001\/db_manage$/);
  const dflt = connectionTarget({ cwd: scratchDir('dbm-target-'), env: {} });
  assert.match(dflt.url, /:54320\//);
  assert.ok(dflt.kind === 'embedded' && dflt.settings.dataDir.includes('.db-manage'));
});
