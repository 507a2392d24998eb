// Issue 3's benchmark: db-manage's migration engine against TypeORM 1.1.1's CLI and psql,
// on one synthetic project, side by side in one run, on the embedded and the external server.
// Usage: node -r ./src/loader/register.js bench/migration-engine.ts
//   [--entities 300] [--runs 5] [--ts-node-runs 2] [--no-ts-node] [--no-count] [--only embedded|external]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureDbManage, MANY_APPLIED, type DbManageFigures } from './engine/db-manage-side';
import { migrationToSqlFile } from './engine/migration-sql';
import { measurePsql, psqlVersion } from './engine/psql-side';
import { renderMigrationEngine, type ServerFigures } from './engine/render-results';
import { ensureTsNode } from './engine/ts-node-tool';
import { measureTypeorm, measureTypeormManyApplied } from './engine/typeorm-side';
import { generateProject } from './synthetic/generate-project';
import { connectExternal, dropLeftovers, startBenchEmbedded, stopBenchEmbedded, type BenchServer } from './support/bench-servers';
import { expectStatus, runTimed } from './support/run-timed';
import { flagArg, numberArg, stringArg } from './support/sample';
import { writeSection } from './support/results-file';

const ENTITIES = numberArg('entities', 300);
const RUNS = numberArg('runs', 5);
const TS_NODE_RUNS = numberArg('ts-node-runs', 2);
const BUDGET_MS = 90_000; // per measured command: with the caps on runs, the bench ends in ~15 min
const ONLY = stringArg('only');

async function servers(): Promise<{ list: BenchServer[]; missing: string[] }> {
  const list: BenchServer[] = [];
  const missing: string[] = [];
  if (ONLY !== 'external') list.push(await startBenchEmbedded());
  if (ONLY !== 'embedded') {
    const external = await connectExternal();
    if (external) list.push(external);
    else missing.push('the external server did not answer; only the embedded one was measured');
  }
  return { list, missing };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bench-migration-engine-'));
  const count = !flagArg('no-count');
  const tsNode = ensureTsNode(!flagArg('no-ts-node'));
  let started = false;
  try {
    process.stderr.write(`migration-engine: ${ENTITIES} synthetic entities in ${root}\n`);
    const js = generateProject(ENTITIES, join(root, 'typeorm-js'));
    const ts = generateProject(ENTITIES, join(root, 'typeorm-ts'));
    const dbm = generateProject(ENTITIES, join(root, 'db-manage'));
    const tsc = expectStatus(runTimed('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: js.dir, timeoutMs: 300_000 }), 'npx tsc');
    started = ONLY !== 'external';
    const { list, missing } = await servers();
    const results: ServerFigures[] = [];
    for (const server of list) {
      await dropLeftovers(server);
      process.stderr.write(`migration-engine: ${server.name} server, PostgreSQL ${server.version}\n`);
      const opts = { runs: RUNS, budgetMs: BUDGET_MS, countQueries: count };
      const typeormJs = await measureTypeorm(server, js.dir, { kind: 'js' }, opts);
      const typeormSql = join(root, 'typeorm-init.sql');
      await migrationToSqlFile(typeormJs.migrationFile, typeormSql);
      const psqlTypeorm = await measurePsql(server, typeormSql, "TypeORM's SQL", RUNS, BUDGET_MS);
      let dbManage: DbManageFigures;
      try {
        dbManage = await measureDbManage(server, dbm.dir, { ...opts, sqlFile: join(root, 'db-manage-init.sql'), fallbackMigration: typeormJs.tsMigrationFile });
      } catch (err) {
        // A half-built engine must not cost the TypeORM and psql figures.
        dbManage = { verbs: new Set(), notes: [`db-manage failed: ${err instanceof Error ? err.message.split('\n').slice(0, 3).join(' ') : String(err)}`] };
      }
      const psqlDbManage = dbManage.sqlFile ? await measurePsql(server, dbManage.sqlFile, "db-manage's SQL", RUNS, BUDGET_MS) : undefined;
      const typeormManyApplied = await measureTypeormManyApplied(server, js.dir, MANY_APPLIED, { ...opts, runs: Math.min(RUNS, 5) });
      // ts-node is ~30 s a command: measured on the first server only.
      const typeormTs =
        tsNode.available && results.length === 0
          ? await measureTypeorm(server, ts.dir, { kind: 'ts-node', nodePath: tsNode.nodePath }, { runs: TS_NODE_RUNS, budgetMs: 120_000, countQueries: false })
          : undefined;
      results.push({ server, typeormJs, typeormTs, psqlTypeorm, psqlDbManage, dbManage, typeormManyApplied });
      await dropLeftovers(server);
    }
    writeSection(
      'migration-engine',
      renderMigrationEngine({ entities: ENTITIES, census: js.census, runs: RUNS, tsNodeRuns: TS_NODE_RUNS, tscMs: tsc.wallMs, tsNode, psql: psqlVersion(), missing, results }),
    );
    process.stderr.write('migration-engine: wrote bench/RESULTS.md\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
    if (started) await stopBenchEmbedded();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`migration-engine failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
