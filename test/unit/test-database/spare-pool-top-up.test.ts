import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SparePool } from '../../../src/engine/test-database/spare-pool';

/** A pool whose fill (the server work) is replaced by a counter the test can hold open. */
function countingPool(): { pool: SparePool; fills: () => number; holdFirst: () => () => void } {
  const pool = new SparePool({ adminUrl: 'postgres://unused', template: 't', prefix: 'p_', size: 1 });
  let fills = 0;
  let hold: Promise<void> | null = null;
  (pool as unknown as { fill(): Promise<void> }).fill = async () => {
    fills++;
    if (fills === 1 && hold) await hold;
  };
  return {
    pool,
    fills: () => fills,
    holdFirst: () => {
      let release!: () => void;
      hold = new Promise<void>((ok) => (release = ok));
      return release;
    },
  };
}

test('a top-up asked for while a fill runs fills again after it: a spare claimed after its last count is replaced', async () => {
  const { pool, fills, holdFirst } = countingPool();
  const release = holdFirst();
  const first = pool.topUp();
  const second = pool.topUp();
  const third = pool.topUp();
  release();
  await Promise.all([first, second, third]);
  assert.equal(fills(), 2, 'one fill, then one more for the asks made during it');
  await pool.topUp();
  assert.equal(fills(), 3, 'asked when idle: one fill');
});

test('a pool of size 0 never fills', async () => {
  const pool = new SparePool({ adminUrl: 'postgres://unused', template: 't', prefix: 'p_', size: 0 });
  (pool as unknown as { fill(): Promise<void> }).fill = async () => assert.fail('filled');
  await pool.topUp();
});
