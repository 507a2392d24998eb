import { execFileSync } from 'node:child_process';
import { recreateDatabase, type BenchServer } from '../support/bench-servers';
import { expectStatus, runTimed } from '../support/run-timed';
import { sample, type Sampled } from '../support/sample';

export function psqlVersion(): string | null {
  try {
    return execFileSync('psql', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** `psql -1 -f`: the whole file in one transaction, stopping at the first error, on a fresh database each run. */
export async function measurePsql(server: BenchServer, sqlFile: string, label: string, runs: number, budgetMs: number): Promise<Sampled> {
  const db = 'bench_psql';
  const run = () =>
    expectStatus(
      runTimed('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-f', sqlFile, server.urlOf(db)], { memory: true, timeoutMs: 120_000 }),
      `psql -1 -f ${sqlFile}`,
    );
  return sample(`${server.name} · psql -1 -f (${label})`, run, { runs, warmup: 1, budgetMs, before: () => recreateDatabase(server, db) });
}
