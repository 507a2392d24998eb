import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { bindFailureIn, freePortAfter, portTaken } from '../../../src/engine/server/port-probe';

test('the bind failure is found wherever it sits in what a start wrote, not only on the last line', () => {
  const log = [
    '2026-11-29 10:00:00.000 UTC [4711] LOG:  starting PostgreSQL 17.10 on x86_64-pc-linux-gnu',
    '2026-11-29 10:00:00.001 UTC [4711] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use',
    '2026-11-29 10:00:00.001 UTC [4711] HINT:  Is another postmaster already running on port 5999? If not, wait a few seconds and retry.',
    '2026-11-29 10:00:00.002 UTC [4711] WARNING:  could not create listen socket for "127.0.0.1"',
    '2026-11-29 10:00:00.002 UTC [4711] FATAL:  could not create any TCP/IP sockets',
    '2026-11-29 10:00:00.003 UTC [4711] LOG:  database system is shut down',
  ].join('\n');
  assert.match(String(bindFailureIn(log)), /could not bind IPv4 address "127.0.0.1": Address already in use/);
  assert.equal(bindFailureIn('LOG:  database system is ready to accept connections\n'), null);
});

test('a port in use is seen as taken, and a free one after it is suggested', async () => {
  const srv = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => srv.once('listening', r));
  const port = (srv.address() as { port: number }).port;
  try {
    assert.equal(await portTaken(port), true);
    const free = await freePortAfter(port);
    assert.ok(free !== null && free > port);
    assert.equal(await portTaken(free), false);
  } finally {
    srv.close();
  }
});
