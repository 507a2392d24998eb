// `db-manage fleet upgrade` at scale: 100 databases and 1,000 schemas, 5 migrations each, at
// concurrency 1/4/8/16: wall time, peak memory and server connections used, on both servers.
// Usage: node -r ./src/loader/register.js bench/fleet.ts
//   [--databases 100] [--schemas 1000] [--levels 1,4,8,16] [--runs 3] [--budget 30] [--only embedded|external] [--wait 120]
import { numberArg, stringArg } from './support/args';
import { connectExternal, startBenchEmbedded, stopBenchEmbedded, type BenchServer } from './support/bench-servers';
import { waitForQuiet } from './support/quiet';
import { writeSection } from './support/results-file';
import { removeFleetProject, writeFleetProject } from './fleet/fleet-project';
import { measureFleet, type FleetPlan, type ServerFigures } from './fleet/measure-fleet';
import { renderFleet } from './fleet/render-fleet';

const ONLY = stringArg('only');
const WAIT_S = numberArg('wait', 120);

function levels(): number[] {
  const list = (stringArg('levels') ?? '1,4,8,16').split(',').map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--levels takes whole numbers ≥ 1, comma-separated: ${stringArg('levels')}`);
  return list;
}

const PLAN: FleetPlan = {
  databases: Math.max(1, numberArg('databases', 100)),
  schemas: Math.max(1, numberArg('schemas', 1000)),
  levels: levels(),
  runs: Math.max(1, numberArg('runs', 3)),
  budgetMs: numberArg('budget', 30) * 60_000,
};

/** How to run it again, as the results file states it. */
function rerunCommand(): string {
  const args = process.argv.slice(2);
  return args.length ? `npm run bench:fleet -- ${args.join(' ')}` : 'npm run bench:fleet';
}

async function main(): Promise<void> {
  const embedded = ONLY !== 'external';
  const notes: string[] = [];
  writeFleetProject();
  try {
    const servers: BenchServer[] = [];
    if (embedded) servers.push(await startBenchEmbedded());
    if (ONLY !== 'embedded') {
      const external = await connectExternal();
      if (external) servers.push(external);
      else notes.push('the external server did not answer; only the embedded one was measured');
    }
    const busy = await waitForQuiet(WAIT_S * 1000);
    if (busy) notes.push(busy);
    const results: ServerFigures[] = [];
    for (const server of servers) {
      process.stderr.write(`fleet: ${server.name} server, PostgreSQL ${server.version}\n`);
      results.push(await measureFleet(server, PLAN));
    }
    writeSection('fleet', renderFleet(PLAN, rerunCommand(), notes, results));
    process.stderr.write('fleet: wrote bench/RESULTS.md\n');
  } finally {
    removeFleetProject();
    if (embedded) await stopBenchEmbedded();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`fleet failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
