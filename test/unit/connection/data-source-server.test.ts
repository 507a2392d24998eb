import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DataSourceOptions } from 'typeorm';
import { dataSourceServer } from '../../../src/engine/connection/data-source-server';
import { connectError } from '../../../src/engine/connection/connect-error';

const server = (o: Record<string, unknown>) => dataSourceServer({ type: 'postgres', ...o } as DataSourceOptions);

test('a data source names a server by url, host, user or database; a port alone, NaN or empty strings do not (real-world finding)', () => {
  // `port: Number(process.env.DB_PORT)` with DB_PORT unset: DATABASE_URL must still apply.
  assert.equal(server({ port: Number(undefined), host: undefined, username: undefined, database: undefined }), undefined);
  assert.equal(server({ port: 5432 }), undefined);
  assert.equal(server({ host: '', username: '', database: '' }), undefined);
  assert.equal(server({ host: 'db', port: Number('x') }), 'postgres://db:5432/postgres');
  assert.equal(server({ database: 'shop' }), 'postgres://localhost:5432/shop');
});

test('a connect failure points at the setting the URL came from', () => {
  const auth = Object.assign(new Error('password authentication failed'), { code: '28P01' });
  assert.match(connectError('postgres://u@h/d', auth, 'external', 'data source').hint ?? '', /in the data source's url \(or host/);
  assert.match(connectError('postgres://u@h/d', auth, 'external', '--url').hint ?? '', /in --url$/);
  assert.match(connectError('postgres://u@h/d', auth, 'external', 'DATABASE_URL').hint ?? '', /in DATABASE_URL$/);
  const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
  assert.doesNotMatch(connectError('postgres://u@h/d', refused, 'external', 'data source').hint ?? '', /Unset DATABASE_URL/);
});
