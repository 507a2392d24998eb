import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
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
  assert.equal(hostOf('postgres://u:p@db.example.com:5432/app'), 'db.example.com');
  assert.equal(hostOf('postgres://u@127.0.0.1/app'), '127.0.0.1');
  assert.equal(hostOf('postgres:///app?host=/var/run/postgresql'), '/var/run/postgresql');
  assert.equal(hostOf('not a url'), '');
});
