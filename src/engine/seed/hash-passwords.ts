import { DbManageError } from '../errors/db-manage-error';

/** bcrypt cost: about 70 ms per hash on a laptop core, the common floor for passwords. */
export const BCRYPT_COST = 10;

type Bcrypt = { hash(plain: string, rounds: number): Promise<string> };

function bcrypt(): Bcrypt {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('bcrypt') as Bcrypt;
  } catch (cause) {
    throw new DbManageError('tool-missing', 'cannot load bcrypt, which seeds hash passwords with', { cause, hint: 'Run npm install' });
  }
}

export function hashPassword(plain: string): Promise<string> {
  return bcrypt().hash(plain, BCRYPT_COST);
}

/** libuv runs UV_THREADPOOL_SIZE (default 4) jobs at once; more in flight only queue. */
export function poolSize(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const n = Number(env.UV_THREADPOOL_SIZE);
  return Number.isInteger(n) && n > 0 ? n : 4;
}

/**
 * Hashes with a bounded number in flight: the async API hands each hash to bcrypt's
 * thread pool, so N hashes take about N × 70 ms / cores rather than N × 70 ms, and
 * memory stays flat however many users are asked for.
 */
export async function hashPasswords(
  plains: readonly string[],
  options: { readonly concurrency?: number; readonly onProgress?: (done: number, total: number) => void } = {},
): Promise<string[]> {
  const out = new Array<string>(plains.length);
  const concurrency = Math.max(1, options.concurrency ?? poolSize() * 2);
  let next = 0;
  let done = 0;
  const lib = bcrypt();
  async function worker(): Promise<void> {
    while (next < plains.length) {
      const i = next++;
      out[i] = await lib.hash(plains[i], BCRYPT_COST);
      done++;
      options.onProgress?.(done, plains.length);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, plains.length) }, worker));
  return out;
}
