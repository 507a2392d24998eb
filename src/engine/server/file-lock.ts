import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DbManageError } from '../errors/db-manage-error';
import { isProcessAlive } from './process-alive';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Serialises work across processes with an atomic `mkdir`. A lock whose owner died
 * (kill -9) is taken over, so a crash never blocks the next command.
 */
export async function withFileLock<T>(lockDir: string, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'owner'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lockDir, 'owner'), 'utf8'));
      } catch {
        // The owner file is written right after mkdir; give it a moment.
      }
      const ageMs = Date.now() - started;
      if ((Number.isInteger(owner) && !isProcessAlive(owner)) || (Number.isNaN(owner) && ageMs > 2_000)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (ageMs > timeoutMs) {
        throw new DbManageError('server-failed', `timed out waiting for ${lockDir}`, {
          hint: `Another db-manage process (pid ${owner}) is starting the server; remove ${lockDir} if it is stuck`,
        });
      }
      await sleep(50);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
