import type { DataSource, QueryRunner } from 'typeorm';

/** Runs `fn` on one session inside a transaction: everything it does commits together or not at all. */
export async function inTransaction<T>(ds: DataSource, fn: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      const value = await fn(runner);
      await runner.commitTransaction();
      return value;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    }
  } finally {
    await runner.release();
  }
}
