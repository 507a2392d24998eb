// Issue 4's benchmark: how long `createTestDatabase()` takes to hand a test a fresh database
// at 100 entities once its template exists, beside the floor: a bare CREATE DATABASE … TEMPLATE.
// Usage: node -r ./src/loader/register.js bench/test-database.ts [--entities 100] [--runs 30] [--only embedded|external] [--wait 120] [--no-fsync-probe]
import { join } from 'node:path';
import { Client } from 'pg';
import * as api from '../src/api';
import { generateProject } from './synthetic/generate-project';
import { flagArg, numberArg, stringArg } from './support/args';
import { waitForQuiet } from './support/quiet';
import { ROOT, connectExternal, dropDatabase, dropLeftovers, recreateDatabase, startBenchEmbedded, stopBenchEmbedded, type BenchServer } from './support/bench-servers';
import { machineFacts } from './support/machine-facts';
import { table, verdict, writeSection } from './support/results-file';
import { expectStatus, runTimed } from './support/run-timed';
import { summarize, type Summary } from './support/stats';

const ENTITIES = numberArg('entities', 100);
const RUNS = numberArg('runs', 30);
const ONLY = stringArg('only');
const WAIT_S = numberArg('wait', 120);
const TARGET_MS = 50;
const BIN = join(ROOT, 'bin', 'db-manage.js');
const TEMPLATE = 'bench_tdb_template';

/** What the helper is expected to return; typed loosely so this file compiles before it exists. */
interface TestDatabase {
  readonly url?: string;
  readonly name?: string;
  readonly database?: string;
  drop(): Promise<void>;
}
type CreateTestDatabase = (options: Record<string, unknown>) => Promise<TestDatabase>;

function helper(): CreateTestDatabase | undefined {
  const candidate = (api as unknown as Record<string, unknown>).createTestDatabase;
  return typeof candidate === 'function' ? (candidate as CreateTestDatabase) : undefined;
}

async function timeIt<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

interface CreateDrop {
  readonly create: Summary;
  readonly drop: Summary;
}

interface Figures {
  readonly server: BenchServer;
  readonly floor: Record<'walLog' | 'fileCopy' | 'empty', CreateDrop>;
  readonly helper?: (CreateDrop & { readonly first: number }) | { readonly error: string };
  /** Embedded only: the same with fsync off on the bench cluster (a setting for throwaway test clusters). */
  readonly fsyncOff?: { readonly floor: CreateDrop; readonly helper?: CreateDrop };
}

/** One way to get a fresh database and remove it; each returns its two timings. */
type Way = (i: number) => Promise<{ create: number; drop: number }>;

/** The floor: the bare statement on one open admin connection, as a helper would send it. */
function floorWay(client: Client, strategy: 'WAL_LOG' | 'FILE_COPY', template = TEMPLATE): Way {
  return async (i) => {
    const name = `bench_tdb_floor_${strategy.toLowerCase()}_${template === TEMPLATE ? 'm' : 'e'}_${i}`;
    // STRATEGY exists from PostgreSQL 15 on; both our servers have it.
    const create = (await timeIt(() => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY ${strategy}`))).ms;
    const drop = (await timeIt(() => client.query(`DROP DATABASE "${name}"`))).ms;
    return { create, drop };
  };
}

function helperWay(create: CreateTestDatabase, options: Record<string, unknown>): Way {
  return async () => {
    const made = await timeIt(() => create(options));
    return { create: made.ms, drop: (await timeIt(() => made.value.drop())).ms };
  };
}

async function showFsync(client: Client): Promise<string> {
  return String((await client.query('SHOW fsync')).rows[0]?.fsync);
}

/**
 * What cloning costs when the cluster does not fsync, as IntegreSQL-style test servers run.
 * Only on the benchmark's own embedded cluster, and reset before returning.
 */
async function withFsyncOff<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  await client.query('ALTER SYSTEM SET fsync = off');
  await client.query('SELECT pg_reload_conf()');
  try {
    for (let i = 0; i < 50 && (await showFsync(client)) !== 'off'; i++) await new Promise((ok) => setTimeout(ok, 100));
    return await fn();
  } finally {
    await client.query('ALTER SYSTEM RESET fsync');
    await client.query('SELECT pg_reload_conf()');
  }
}

/** Round-robin over the ways, so a change in machine load hits them alike. */
async function roundRobin(ways: readonly Way[]): Promise<CreateDrop[]> {
  const creates = ways.map(() => [] as number[]);
  const drops = ways.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, way] of ways.entries()) {
      const t = await way(i);
      creates[k].push(t.create);
      drops[k].push(t.drop);
    }
  }
  return ways.map((_, k) => ({ create: summarize(creates[k]), drop: summarize(drops[k]) }));
}

async function measureServer(server: BenchServer, project: string): Promise<Figures> {
  await dropLeftovers(server);
  // The template: the project's initial migration applied by db-manage itself.
  await recreateDatabase(server, TEMPLATE);
  expectStatus(
    runTimed(process.execPath, [BIN, 'upgrade', '-d', 'data-source.ts'], { cwd: project, env: server.envFor(TEMPLATE), timeoutMs: 180_000 }),
    'db-manage upgrade',
  );
  const create = helper();
  const env: Record<string, string | undefined> = { ...process.env, ...server.envFor('bench_tdb_main') };
  if (server.name === 'embedded') delete env.DATABASE_URL;
  const options = { cwd: project, datasource: 'data-source.ts', env };
  let helperFigures: Figures['helper'];
  let first = Number.NaN;
  if (create) {
    try {
      // The first call builds the helper's template: timed apart, it is not the per-test cost.
      const made = await timeIt(() => create(options));
      first = made.ms;
      await made.value.drop();
    } catch (err) {
      helperFigures = { error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
    }
  }
  const client = new Client({ connectionString: server.adminUrl });
  await client.connect();
  if (server.name === 'embedded') {
    // In case an interrupted run left the probe's setting behind.
    await client.query('ALTER SYSTEM RESET fsync');
    await client.query('SELECT pg_reload_conf()');
  }
  try {
    const useHelper = create !== undefined && helperFigures === undefined;
    const ways = [floorWay(client, 'WAL_LOG'), floorWay(client, 'FILE_COPY'), floorWay(client, 'WAL_LOG', 'template1'), ...(useHelper ? [helperWay(create, options)] : [])];
    const [walLog, fileCopy, empty, viaHelper] = await roundRobin(ways);
    if (viaHelper) helperFigures = { ...viaHelper, first };
    const fsyncOff =
      server.name === 'embedded' && !flagArg('no-fsync-probe')
        ? await withFsyncOff(client, async () => {
            const [floor, helperOff] = await roundRobin([floorWay(client, 'WAL_LOG'), ...(useHelper ? [helperWay(create, options)] : [])]);
            return { floor, helper: helperOff };
          })
        : undefined;
    return { server, floor: { walLog, fileCopy, empty }, helper: helperFigures, fsyncOff };
  } finally {
    await client.end();
    await dropDatabase(server, TEMPLATE);
    await dropLeftovers(server);
  }
}

function ms(s: Summary): string {
  return `${s.medianMs.toFixed(1)} ms (${s.minMs.toFixed(1)}–${s.maxMs.toFixed(1)})`;
}

function render(results: readonly Figures[], census: Record<string, number>, busy: string | null): string {
  const rows = results.flatMap((f) => {
    const h = f.helper;
    const helperRow =
      h === undefined
        ? [f.server.name, '`createTestDatabase()`', 'not measured yet: not exported by src/api', '—', '—', '—']
        : 'error' in h
          ? [f.server.name, '`createTestDatabase()`', `failed: ${h.error}`, '—', '—', '—']
          : [f.server.name, '`createTestDatabase()`', ms(h.create), ms(h.drop), `≤ ${TARGET_MS} ms`, verdict(h.create.medianMs, TARGET_MS)];
    return [
      helperRow,
      [f.server.name, 'floor: `CREATE DATABASE … TEMPLATE … STRATEGY WAL_LOG` (the default)', ms(f.floor.walLog.create), ms(f.floor.walLog.drop), '—', '—'],
      [f.server.name, 'floor: `… STRATEGY FILE_COPY`', ms(f.floor.fileCopy.create), ms(f.floor.fileCopy.drop), '—', '—'],
      [f.server.name, 'floor: an empty database (`TEMPLATE template1`)', ms(f.floor.empty.create), ms(f.floor.empty.drop), '—', '—'],
      ...(f.fsyncOff?.helper
        ? [[`${f.server.name}, fsync=off`, '`createTestDatabase()`', ms(f.fsyncOff.helper.create), ms(f.fsyncOff.helper.drop), `≤ ${TARGET_MS} ms`, verdict(f.fsyncOff.helper.create.medianMs, TARGET_MS)]]
        : []),
      ...(f.fsyncOff ? [[`${f.server.name}, fsync=off`, 'floor: `… STRATEGY WAL_LOG`', ms(f.fsyncOff.floor.create), ms(f.fsyncOff.floor.drop), '—', '—']] : []),
    ];
  });
  const overheads = results
    .map((f) => (f.helper && !('error' in f.helper) ? `${f.server.name} ${(f.helper.create.medianMs - f.floor.walLog.create.medianMs).toFixed(1)} ms` : null))
    .filter(Boolean);
  const firsts = results
    .map((f) => (f.helper && !('error' in f.helper) ? `${f.server.name}: ${(f.helper.first / 1000).toFixed(2)} s` : null))
    .filter(Boolean);
  return `## Test databases (issue 4) — \`bench/test-database.ts\`

${machineFacts({ servers: results.map((f) => `${f.server.name}: PostgreSQL ${f.server.version}`).join('; '), ...(busy ? { caveat: busy } : {}) })}

**Method.** A synthetic project of ${ENTITIES} entities (${census['foreign keys']} foreign keys, ${census['enum columns'] + census['enum array columns']} enum columns), its
initial migration written by \`db-manage migrate\` and applied by \`db-manage upgrade\`. \`createTestDatabase()\` is
called in-process, as a test suite would: the first call builds the template${firsts.length ? ` (${firsts.join(', ')})` : ''}; then ${RUNS} calls,
each timed from call to resolved promise, each followed by a separately timed \`drop()\`. The floor is the bare
statement on one open admin connection, cloning the same migrated database. The helper and both floors take turns
(round-robin, ${RUNS} rounds), so a change in machine load hits them alike. Median (min–max). The "fsync=off" rows
repeat the helper and the default floor on the benchmark's own embedded cluster after \`ALTER SYSTEM SET fsync = off\`
(reset right after): the setting throwaway test clusters use (IntegreSQL's advice), shown to separate the cost of
durability from the helper's own. The external server's settings are left alone.

${table(['server', 'what', 'fresh database', 'drop', 'target', 'result'], rows)}
${overheads.length ? `\nThe helper's own cost over the bare default clone (difference of medians): ${overheads.join(', ')}.\n` : ''}`;
}

async function main(): Promise<void> {
  const project = generateProject(ENTITIES);
  const servers: BenchServer[] = [];
  const embedded = ONLY !== 'external';
  try {
    if (embedded) servers.push(await startBenchEmbedded());
    const external = ONLY === 'embedded' ? null : await connectExternal();
    if (external) servers.push(external);
    // The initial migration, written once by db-manage from the entities.
    const first = servers[0];
    await recreateDatabase(first, 'bench_tdb_prep');
    expectStatus(
      runTimed(process.execPath, [BIN, 'migrate', 'Initial', '-d', 'data-source.ts'], { cwd: project.dir, env: first.envFor('bench_tdb_prep'), timeoutMs: 180_000 }),
      'db-manage migrate',
    );
    await dropDatabase(first, 'bench_tdb_prep');
    const busy = await waitForQuiet(WAIT_S * 1000);
    const results: Figures[] = [];
    for (const server of servers) {
      process.stderr.write(`test-database: ${server.name} server, PostgreSQL ${server.version}\n`);
      results.push(await measureServer(server, project.dir));
    }
    writeSection('test-database', render(results, project.census, busy));
    process.stderr.write('test-database: wrote bench/RESULTS.md\n');
  } finally {
    project.remove();
    if (embedded) await stopBenchEmbedded();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`test-database failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
