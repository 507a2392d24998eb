import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { BCRYPT_COST, hashPasswords, poolSize } from '../../../src/engine/seed/hash-passwords';
import { loadSeeds, selectSeeds } from '../../../src/engine/seed/load-seeds';
import { realisticUser } from '../../../src/seeds/realistic-user';

const ROOT = join(__dirname, '..', '..', '..');
const hasCode = (code: string) => (e: unknown) => e instanceof DbManageError && e.code === code;

test('the project registry lists its seeds in order', () => {
  const { seeds } = loadSeeds(ROOT);
  assert.deepEqual(seeds.map((s) => s.name), ['users', 'posts', 'page-views', 'extra-users']);
});

test('a registry that is not an array of { name, run } is refused', () => {
  assert.throws(() => loadSeeds(ROOT, 'test/fixtures/seeds/invalid.ts'), hasCode('config-invalid'));
  assert.throws(() => loadSeeds(ROOT, 'test/fixtures/seeds/none.ts'), hasCode('config-not-found'));
});

test('selecting seeds keeps registry order and rejects unknown names', () => {
  const { seeds } = loadSeeds(ROOT);
  assert.deepEqual(selectSeeds(seeds, ['page-views', 'users']).map((s) => s.name), ['users', 'page-views']);
  assert.equal(selectSeeds(seeds, undefined).length, 4);
  assert.throws(() => selectSeeds(seeds, ['users; drop']), hasCode('name-not-found'));
});

test('passwords are bcrypt cost 10, in input order, each with its own salt', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bcrypt = require('bcrypt') as { compare(a: string, b: string): Promise<boolean>; getRounds(h: string): number };
  const progress: number[] = [];
  const hashes = await hashPasswords(['one', 'two', 'one'], { concurrency: 2, onProgress: (done) => progress.push(done) });
  assert.equal(BCRYPT_COST, 10);
  assert.equal(bcrypt.getRounds(hashes[0]), 10);
  assert.equal(await bcrypt.compare('one', hashes[0]), true);
  assert.equal(await bcrypt.compare('two', hashes[1]), true);
  assert.notEqual(hashes[0], hashes[2]);
  assert.deepEqual(progress, [1, 2, 3]);
  assert.deepEqual(await hashPasswords([]), []);
});

test('the pool size follows UV_THREADPOOL_SIZE', () => {
  assert.equal(poolSize({}), 4);
  assert.equal(poolSize({ UV_THREADPOOL_SIZE: '8' }), 8);
  assert.equal(poolSize({ UV_THREADPOOL_SIZE: 'x' }), 4);
});

test('realistic users look like people and fit the columns', () => {
  const now = Date.parse('2025-06-01T00:00:00Z');
  for (let i = 0; i < 50; i++) {
    const u = realisticUser(now);
    assert.match(u.username, /^[a-z]+\.[a-z]+\.[0-9a-f]{8}$/);
    assert.ok(u.username.length <= 80 && u.email.length <= 120);
    assert.ok(u.email.startsWith(`${u.username}@`));
    if (u.lastLoginAt) assert.ok(u.lastLoginAt.getTime() <= now && u.lastLoginAt.getTime() >= now - 91 * 24 * 3600 * 1000);
  }
});
