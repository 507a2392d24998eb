import { join } from 'node:path';
import type { FleetReport } from '../../src/api';
import { ROOT, type BenchServer } from '../support/bench-servers';
import { runAsync } from '../support/run-timed';
import { watchConnections } from './connection-peak';
import { PREFIX, type Layout } from './fleet-layouts';
import { MIGRATIONS, PROJECT_DIR } from './fleet-project';

const BIN = join(ROOT, 'bin', 'db-manage.js');
// 1,000 schemas one at a time on a busy machine take minutes; a hung run must still end.
const TIMEOUT_MS = 60 * 60_000;

export interface FleetSample {
  readonly wallMs: number;
  readonly maxRssKiB: number | null;
  readonly peakConnections: number;
}

/** Why a run does not count: anything but exit 0 and every target ok with all its migrations applied. */
function failureOf(exit: string, stdout: string, targets: number): string | null {
  let report: FleetReport;
  try {
    report = JSON.parse(stdout) as FleetReport;
  } catch {
    return `exit ${exit}, no JSON report`;
  }
  // An error ends the command before any target runs: its JSON is the error, not a report.
  if (!Array.isArray(report.targets)) return `exit ${exit}: ${stdout.trim().slice(0, 500)}`;
  const bad = report.targets.find((t) => t.status !== 'ok' || t.applied?.length !== MIGRATIONS);
  if (exit === '0' && report.complete && report.ok === targets && !bad) return null;
  const why = bad ? `${bad.target}: ${bad.status}${bad.error ? `: ${bad.error.message}` : `, applied ${bad.applied?.length ?? 0} of ${MIGRATIONS}`}` : 'no failing target listed';
  return `exit ${exit}, ${report.ok} of ${targets} ok (complete: ${report.complete}); first problem: ${why}`;
}

/**
 * `db-manage fleet upgrade --targets FILE --concurrency C --json`, timed from spawn to exit,
 * with the peak RSS of the db-manage process and the peak count of its server connections.
 * Throws on anything but a complete upgrade: a failed run is not a figure.
 */
export async function timedUpgrade(server: BenchServer, layout: Layout, concurrency: number, targetsFile = layout.targetsFile, targets = layout.targets): Promise<FleetSample> {
  const watch = await watchConnections(server.adminUrl, `${PREFIX.replace(/_/g, '\\_')}%`);
  let peakConnections = 0;
  const run = await runAsync(process.execPath, [BIN, 'fleet', 'upgrade', '--targets', targetsFile, '--concurrency', String(concurrency), '--json', '-d', 'data-source.ts'], {
    cwd: PROJECT_DIR,
    env: { DATABASE_URL: layout.databaseUrl },
    timeoutMs: TIMEOUT_MS,
    memory: true,
  }).finally(async () => {
    peakConnections = await watch.stop();
  });
  const failure = failureOf(String(run.status ?? run.signal), run.stdout, targets);
  if (failure) {
    const tail = run.stderr.trim().split('\n').slice(-10).join('\n');
    throw new Error(`fleet upgrade on ${server.name}, ${layout.label}, concurrency ${concurrency} failed: ${failure}${tail ? `\n${tail}` : ''}`);
  }
  return { wallMs: run.wallMs, maxRssKiB: run.maxRssKiB, peakConnections };
}
