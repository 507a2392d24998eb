import { execFileSync } from 'node:child_process';
import { recreateDatabase, type BenchServer } from '../support/bench-servers';
import type { Measurement } from '../support/interleave';
import { expectStatus, runTimed } from '../support/run-timed';

export function psqlVersion(): string | null {
  try {
    return execFileSync('psql', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * `psql -1 -f`: the whole file in one transaction, stopping at the first error, on a fresh
 * database each run: an empty one, or a copy of `template` (a database at head, for down SQL).
 */
export function psqlMeasurement(server: BenchServer, key: string, sqlFile: string, whose: string, runs: number, template?: string): Measurement {
  const db = `bench_psql_${key.replace(/\W+/g, '_')}`;
  return {
    key: `psql:${key}`,
    label: template ? `psql -1 -f (${whose} down SQL), db at head` : `psql -1 -f (${whose} SQL)`,
    runs,
    before: () => recreateDatabase(server, db, template),
    run: () => expectStatus(runTimed('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-f', sqlFile, server.urlOf(db)], { memory: true, timeoutMs: 120_000 }), `psql -1 -f ${sqlFile}`),
  };
}
