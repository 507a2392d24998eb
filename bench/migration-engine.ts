// Issue 3's benchmark, extended to every target of the Performance issue: db-manage's migration
// engine against TypeORM 1.1.1's CLI and psql, on one synthetic project of N entities, side by
// side in one run, on the embedded and the external server. Each N writes its own section of
// the results file (`migration-engine-<N>`), so the figures at 300 and at 1000 entities both stay.
// Usage: node -r ./src/loader/register.js bench/migration-engine.ts
//   [--entities 300] [--runs 5] [--ts-node-runs 2] [--no-ts-node] [--no-count] [--only embedded|external]
//   [--wait 120] [--budget-min 8] [--embedded-locks 256] [--embedded-dir /dev/shm/db-manage-bench] [--results bench/RESULTS.md]
import { relative, resolve } from 'node:path';
import { countDbManageRevert, dbManageRevertMeasurements, prepareDbManageHead } from './engine/db-manage-revert';
import { countDbManage, dbManageMeasurements, prepareDbManage } from './engine/db-manage-side';
import { HEAD_TEMPLATES } from './engine/head-template';
import { psqlMeasurement, psqlVersion } from './engine/psql-side';
import { renderMigrationEngine, type ServerFigures } from './engine/render-results';
import { ensureTsNode } from './engine/ts-node-tool';
import { countTypeorm, prepareTypeorm, typeormMeasurements } from './engine/typeorm-side';
import { createWorkspace } from './engine/workspace';
import { flagArg, numberArg, rerunCommand, stringArg } from './support/args';
import { BENCH_EMBEDDED_ENV, ROOT, adminQuery, connectExternal, dropLeftovers, startBenchEmbedded, stopBenchEmbedded, type BenchServer } from './support/bench-servers';
import { failures, interleave, type Measurement } from './support/interleave';
import { fileSystemOf } from './support/machine-facts';
import { waitForQuiet } from './support/quiet';
import { RESULTS_FILE, writeSection } from './support/results-file';

const ENTITIES = numberArg('entities', 300);
const RUNS = numberArg('runs', 5);
const TS_NODE_RUNS = numberArg('ts-node-runs', 2);
// Per server: rounds stop starting after this (once each measurement has 3 runs), so the bench ends.
const BUDGET_MIN = numberArg('budget-min', 8);
const ONLY = stringArg('only');
const WAIT_S = numberArg('wait', 120);
// PostgreSQL's default lock table cannot hold one transaction that drops 1,000 tables: the
// bench's own embedded cluster can be given a larger one (the shared external server never is).
const EMBEDDED_LOCKS = numberArg('embedded-locks', 0);
// A run with a larger lock table writes a section of its own: the default-settings one stays.
const SECTION = `migration-engine-${ENTITIES}${EMBEDDED_LOCKS > 0 ? `-locks-${Math.floor(EMBEDDED_LOCKS)}` : ''}`;
// Trial runs write elsewhere, so they never replace the published figures.
const RESULTS = resolve(stringArg('results') ?? RESULTS_FILE);

async function servers(): Promise<{ list: BenchServer[]; missing: string[] }> {
  const list: BenchServer[] = [];
  const missing: string[] = [];
  if (ONLY !== 'external') {
    let embedded = await startBenchEmbedded();
    if (EMBEDDED_LOCKS > 0) {
      await adminQuery(embedded.adminUrl, `ALTER SYSTEM SET max_locks_per_transaction = ${Math.floor(EMBEDDED_LOCKS)}`);
      await stopBenchEmbedded();
      embedded = await startBenchEmbedded();
      missing.push(`the bench's embedded cluster ran with max_locks_per_transaction = ${Math.floor(EMBEDDED_LOCKS)} (--embedded-locks; PostgreSQL's default, 64, cannot hold one transaction that drops every table at 1,000 entities); the external server kept its own settings`);
    }
    const dir = BENCH_EMBEDDED_ENV.DB_MANAGE_PG_DIR ?? '';
    missing.push(`the bench's embedded cluster kept its data in ${relative(ROOT, dir).startsWith('..') ? dir : relative(ROOT, dir)}, on ${fileSystemOf(dir)}`);
    list.push(embedded);
  }
  if (ONLY !== 'embedded') {
    const external = await connectExternal();
    if (external) list.push(external);
    else missing.push('the external server did not answer; only the embedded one was measured');
  }
  return { list, missing };
}

async function measureServer(server: BenchServer, ws: ReturnType<typeof createWorkspace>, tsNode: ReturnType<typeof ensureTsNode>, first: boolean): Promise<ServerFigures> {
  await dropLeftovers(server);
  process.stderr.write(`migration-engine: ${server.name} server, PostgreSQL ${server.version}: preparing\n`);
  const typeorm = await prepareTypeorm(server, ws);
  const dbm = await prepareDbManage(server, ws, typeorm.initialTs);
  if (dbm.verbs.has('upgrade')) await prepareDbManageHead(server, ws);
  const measurements: Measurement[] = [
    ...typeormMeasurements(server, ws, { kind: 'js' }, RUNS),
    ...dbManageMeasurements(server, ws, dbm, RUNS),
    ...dbManageRevertMeasurements(server, ws, dbm, RUNS),
    psqlMeasurement(server, 'typeorm', typeorm.sqlFile, "TypeORM's", RUNS),
    ...(dbm.sqlFile ? [psqlMeasurement(server, 'dbm', dbm.sqlFile, "db-manage's", RUNS)] : []),
    ...(dbm.downSqlFile && dbm.verbs.has('upgrade') ? [psqlMeasurement(server, 'dbm-down', dbm.downSqlFile, "db-manage's", RUNS, HEAD_TEMPLATES.dbm)] : []),
  ];
  process.stderr.write(`migration-engine: ${server.name}: ${measurements.length} measurements, interleaved\n`);
  // Before every timed run the server writes out what earlier runs (and the untimed database
  // copies) left dirty, so no run pays for another's writes.
  const checkpoint = async () => void (await adminQuery(server.adminUrl, 'CHECKPOINT'));
  const sampled = await interleave(measurements, BUDGET_MIN * 60_000, 3, checkpoint);
  // ts-node takes ~30 s a command at 300 entities: measured on the first server only, after the rest.
  if (tsNode.available && first) {
    process.stderr.write(`migration-engine: ${server.name}: TypeORM through ts-node\n`);
    const ts = await interleave(typeormMeasurements(server, ws, { kind: 'ts-node', nodePath: tsNode.nodePath }, TS_NODE_RUNS), 0, TS_NODE_RUNS);
    for (const [k, v] of ts) sampled.set(k, v);
  }
  let queries: ServerFigures['queries'];
  if (!flagArg('no-count')) {
    process.stderr.write(`migration-engine: ${server.name}: counting statements\n`);
    const typeormQueries = await countTypeorm(server, ws);
    queries = { typeorm: typeormQueries, dbm: { ...(await countDbManage(server, ws, dbm)), ...(await countDbManageRevert(server, ws, dbm)) } };
  }
  await dropLeftovers(server);
  return { server, sampled, dbm, queries };
}

/** The next start of the bench cluster has PostgreSQL's default lock table again. */
async function resetEmbeddedLocks(): Promise<void> {
  const embedded = await startBenchEmbedded();
  await adminQuery(embedded.adminUrl, 'ALTER SYSTEM RESET max_locks_per_transaction');
}

async function main(): Promise<void> {
  const tsNode = ensureTsNode(!flagArg('no-ts-node'));
  const ws = createWorkspace(ENTITIES);
  process.stderr.write(`migration-engine: ${ENTITIES} synthetic entities in ${ws.root}; results to ${RESULTS}\n`);
  const embedded = ONLY !== 'external';
  try {
    const { list, missing } = await servers();
    const busy = await waitForQuiet(WAIT_S * 1000);
    if (busy) missing.push(busy);
    const results: ServerFigures[] = [];
    for (const server of list) results.push(await measureServer(server, ws, tsNode, results.length === 0));
    for (const f of failures) missing.push(`${f.label}: failed, ${f.reason}`);
    writeSection(
      SECTION,
      renderMigrationEngine({
        entities: ENTITIES,
        rerun: rerunCommand('bench/migration-engine.ts'),
        census: ws.census,
        runs: RUNS,
        tsNodeRuns: TS_NODE_RUNS,
        budgetMin: BUDGET_MIN,
        tscMs: ws.tscMs,
        tsNode,
        psql: psqlVersion(),
        missing,
        results,
      }),
      RESULTS,
      'migration-engine',
    );
    process.stderr.write(`migration-engine: wrote section ${SECTION} of ${RESULTS}\n`);
  } finally {
    ws.remove();
    if (embedded && EMBEDDED_LOCKS > 0) await resetEmbeddedLocks();
    if (embedded) await stopBenchEmbedded();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`migration-engine failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
