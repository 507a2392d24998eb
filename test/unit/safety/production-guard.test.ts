import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { seededRandom } from '../../support/fault-trials';
import { pick } from '../../support/random-secrets';
import { assertProductionGuard, hostOf, isLocalHost, productionGuard, type GuardFacts } from '../../../src/engine/safety/production-guard';

const local: GuardFacts = { action: 'reset', nodeEnv: undefined, host: '127.0.0.1', kind: 'external', force: false };

test('loopback names, addresses and sockets are local; anything else is not', () => {
  for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '', '/var/run/postgresql', 'db.localhost']) {
    assert.equal(isLocalHost(h), true, h);
  }
  for (const h of ['db.example.com', '10.0.0.5', '192.168.1.2', 'postgres', '128.0.0.1', 'localhost.example.com']) {
    assert.equal(isLocalHost(h), false, h);
  }
});

test('a local server outside production is allowed', () => {
  assert.deepEqual(productionGuard(local), { allowed: true });
  assert.deepEqual(productionGuard({ ...local, kind: 'embedded', nodeEnv: 'development' }), { allowed: true });
});

test('NODE_ENV=production refuses, even with --force, and says how to override', () => {
  for (const force of [false, true]) {
    const verdict = productionGuard({ ...local, nodeEnv: 'production', force });
    assert.equal(verdict.allowed, false);
    if (verdict.allowed) return;
    assert.match(verdict.reason, /reset refused: NODE_ENV is production/);
    assert.match(verdict.override, /unset NODE_ENV/);
  }
});

test('a remote server refuses without --force and is allowed with it', () => {
  const remote = { ...local, host: 'db.example.com' };
  const verdict = productionGuard(remote);
  assert.equal(verdict.allowed, false);
  if (!verdict.allowed) {
    assert.match(verdict.reason, /db\.example\.com is not local/);
    assert.match(verdict.override, /--force/);
  }
  assert.deepEqual(productionGuard({ ...remote, force: true }), { allowed: true });
});

test('the assertion throws a production-guard error carrying the override as its hint', () => {
  assert.throws(
    () => assertProductionGuard({ ...local, nodeEnv: 'production' }),
    (e: unknown) => e instanceof DbManageError && e.code === 'production-guard' && /NODE_ENV/.test(e.hint ?? ''),
  );
  assert.doesNotThrow(() => assertProductionGuard(local));
});

test('hostOf reads the URL host, or the socket given as a parameter', () => {
  assert.equal(hostOf('postgres://u:p@db.example.com:5432/app', {}), 'db.example.com');
  assert.equal(hostOf('postgres://u@127.0.0.1/app', {}), '127.0.0.1');
  assert.equal(hostOf('postgres:///app?host=/var/run/postgresql', {}), '/var/run/postgresql');
  assert.equal(isLocalHost(hostOf('not a url', {})), false, 'what the driver cannot read is not local');
});

/** The host node-postgres itself connects to, PGHOST and defaults included. */
function driverHost(url: string, pghost: string | undefined): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ConnectionParameters = require('pg/lib/connection-parameters') as new (s: string) => { host: string };
  const saved = process.env.PGHOST;
  if (pghost === undefined) delete process.env.PGHOST;
  else process.env.PGHOST = pghost;
  try {
    return new ConnectionParameters(url).host;
  } finally {
    if (saved === undefined) delete process.env.PGHOST;
    else process.env.PGHOST = saved;
  }
}

test('generated URLs: the guard decides on the host the driver connects to, ?host= and PGHOST included', () => {
  const random = seededRandom(4417);
  const hosts = ['localhost', '127.0.0.1', '[::1]', 'db.example.com', '10.9.8.7', 'prod-db', '%2Fvar%2Frun%2Fpostgresql', ''];
  const queryHosts = [undefined, 'localhost', '127.0.0.2', 'db.example.com', '/tmp', '/var/run/postgresql', 'replica.internal'];
  const pghosts = [undefined, 'localhost', 'db.example.com', '/run/postgresql'];
  let refused = 0;
  for (let trial = 0; trial < 400; trial++) {
    const host = pick(random, hosts);
    const queryHost = pick(random, queryHosts);
    const pghost = pick(random, pghosts);
    const query = queryHost === undefined ? '' : `?${pick(random, ['', 'sslmode=disable&'])}host=${encodeURIComponent(queryHost)}`;
    const url = `postgres://u:pw@${host}${host && random() < 0.5 ? ':5433' : ''}/app${query}`;
    const expected = driverHost(url, pghost);
    const decided = hostOf(url, pghost === undefined ? {} : { PGHOST: pghost });
    assert.equal(decided, expected, `${url} with PGHOST=${pghost}`);
    const verdict = productionGuard({ ...local, host: decided });
    assert.equal(verdict.allowed, isLocalHost(expected), url);
    if (!verdict.allowed) refused++;
  }
  assert.ok(refused > 50 && refused < 350, `both verdicts were reached (${refused} refused)`);
});

test('the finding, another instance: a loopback URL host with a remote ?host= is refused without --force', () => {
  const url = 'postgresql://admin:x@127.0.0.1:5432/shop?application_name=a&host=db-primary.example.net';
  assert.equal(hostOf(url, {}), 'db-primary.example.net');
  assert.equal(productionGuard({ ...local, host: hostOf(url, {}) }).allowed, false);
  assert.equal(productionGuard({ ...local, host: hostOf(url, {}), force: true }).allowed, true);
});
