// Issue 4's benchmark: how long `createTestDatabase()` takes to hand a test a fresh database
// at 100 entities once its template exists, beside the floor: a bare CREATE DATABASE … TEMPLATE.
// Usage: node -r ./src/loader/register.js bench/test-database.ts [--entities 100] [--runs 30] [--only embedded|external] [--wait 120] [--no-fsync-probe]
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabaseOptions } from '../src/api';
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
const SPARES = numberArg('spares', 3);

async function timeIt<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

interface CreateDrop {
  readonly create: Summary;
  readonly drop: Summary;
}

/** The helper's figures, one row each. */
interface HelperFigures {
  /** The first call of the benchmark process: builds the template and the spares' first clone. */
  readonly build: number;
  /** Calls spaced by one bare clone's time: a test that lasts as long as a clone. */
  readonly paced: CreateDrop;
  readonly pauseMs: number;
  /** Calls back to back, each dropping its database before the next. */
  readonly burst: CreateDrop;
  /** Calls back to back keeping every database: the spares run out, calls fall back to cloning. */
  readonly hoard: Summary;
  /** The pool turned off (`spares: 0`): every call clones. */
  readonly noSpares: CreateDrop;
  /** A new process's first call, template and spares in place: each test file of a suite. */
  readonly newProcess: Summary;
}

interface Figures {
  readonly server: BenchServer;
  readonly floor: Record<'walLog' | 'fileCopy' | 'empty', CreateDrop>;
  readonly helper: HelperFigures | { readonly error: string };
  /** Embedded only: the default floor with fsync off on the bench cluster (a setting for throwaway test clusters). */
  readonly fsyncOff?: CreateDrop;
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

function helperWay(options: TestDatabaseOptions, pauseMs = 0): Way {
  return async () => {
    if (pauseMs > 0) await sleep(pauseMs);
    const made = await timeIt(() => createTestDatabase(options));
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
    for (let i = 0; i < 50 && (await showFsync(client)) !== 'off'; i++) await sleep(100);
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

/** Waits until no clone runs on the server, so the next phase starts from a settled pool. */
async function settle(client: Client): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { rows } = await client.query(`SELECT 1 FROM pg_stat_activity WHERE query ILIKE 'CREATE DATABASE%' AND state = 'active' AND pid <> pg_backend_pid()`);
    if (rows.length === 0) return;
    await sleep(50);
  }
}

/** The helper's spares for this benchmark's main database (`bench_tdb_main`). */
async function dropSpares(client: Client): Promise<void> {
  await settle(client);
  const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_tdb\\_ma\\_\\_spare\\_%'`);
  for (const { datname } of rows) await client.query(`DROP DATABASE "${datname}"`);
}

function newProcessCalls(project: string, env: NodeJS.ProcessEnv): Summary {
  const samples: number[] = [];
  for (let i = 0; i < Math.max(5, Math.round(RUNS / 3)); i++) {
    const run = expectStatus(
      runTimed(process.execPath, ['-r', join(ROOT, 'src', 'loader', 'register.js'), join(ROOT, 'bench', 'support', 'first-test-database.ts'), project, 'data-source.ts'], {
        cwd: project,
        env,
        timeoutMs: 120_000,
      }),
      'first createTestDatabase() in a new process',
    );
    samples.push((JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { ms: number }).ms);
  }
  return summarize(samples);
}

async function measureHelper(client: Client, project: string, server: BenchServer, floorMs: number): Promise<HelperFigures> {
  const env: Record<string, string | undefined> = { ...process.env, ...server.envFor('bench_tdb_main') };
  if (server.name === 'embedded') delete env.DATABASE_URL;
  const options: TestDatabaseOptions = { cwd: project, datasource: 'data-source.ts', env, spares: SPARES };
  // The first call builds the helper's template: timed apart, it is not the per-test cost.
  const first = await timeIt(() => createTestDatabase(options));
  await first.value.drop();
  await settle(client);
  const pauseMs = Math.max(20, Math.round(floorMs));
  const [paced] = await roundRobin([helperWay(options, pauseMs)]);
  await settle(client);
  const [burst] = await roundRobin([helperWay(options)]);
  await settle(client);
  const kept: { drop(): Promise<void> }[] = [];
  const hoardMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const made = await timeIt(() => createTestDatabase(options));
    hoardMs.push(made.ms);
    kept.push(made.value);
  }
  for (const db of kept) await db.drop();
  await settle(client);
  const newProcess = newProcessCalls(project, env);
  await dropSpares(client);
  const [noSpares] = await roundRobin([helperWay({ ...options, spares: 0 })]);
  return { build: first.ms, paced, pauseMs, burst, hoard: summarize(hoardMs), noSpares, newProcess };
}

async function measureServer(server: BenchServer, project: string): Promise<Figures> {
  await dropLeftovers(server);
  // The template: the project's initial migration applied by db-manage itself.
  await recreateDatabase(server, TEMPLATE);
  expectStatus(
    runTimed(process.execPath, [BIN, 'upgrade', '-d', 'data-source.ts'], { cwd: project, env: server.envFor(TEMPLATE), timeoutMs: 180_000 }),
    'db-manage upgrade',
  );
  const client = new Client({ connectionString: server.adminUrl });
  await client.connect();
  if (server.name === 'embedded') {
    // In case an interrupted run left the probe's setting behind.
    await client.query('ALTER SYSTEM RESET fsync');
    await client.query('SELECT pg_reload_conf()');
  }
  try {
    // The floors first, on their own: the helper's background clones would disturb them.
    const [walLog, fileCopy, empty] = await roundRobin([floorWay(client, 'WAL_LOG'), floorWay(client, 'FILE_COPY'), floorWay(client, 'WAL_LOG', 'template1')]);
    const fsyncOff =
      server.name === 'embedded' && !flagArg('no-fsync-probe') ? (await withFsyncOff(client, () => roundRobin([floorWay(client, 'WAL_LOG')])))[0] : undefined;
    let helper: Figures['helper'];
    try {
      helper = await measureHelper(client, project, server, walLog.create.medianMs);
    } catch (err) {
      helper = { error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
    }
    return { server, floor: { walLog, fileCopy, empty }, helper, fsyncOff };
  } finally {
    await settle(client).catch(() => undefined);
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
    const s = f.server.name;
    const helperRows =
      'error' in h
        ? [[s, '`createTestDatabase()`', `failed: ${h.error}`, '—', '—', '—']]
        : [
            [s, `\`createTestDatabase()\`, spares ready (calls ${h.pauseMs} ms apart)`, ms(h.paced.create), ms(h.paced.drop), `≤ ${TARGET_MS} ms`, verdict(h.paced.create.medianMs, TARGET_MS)],
            [s, '`createTestDatabase()`, back to back, each dropped before the next', ms(h.burst.create), ms(h.burst.drop), '—', '—'],
            [s, `\`createTestDatabase()\`, ${RUNS} back to back, none dropped (spares run out)`, ms(h.hoard), '—', '—', '—'],
            [s, '`createTestDatabase()`, first call of a new process (template and spares in place)', ms(h.newProcess), '—', '—', '—'],
            [s, '`createTestDatabase({ spares: 0 })`: every call clones', ms(h.noSpares.create), ms(h.noSpares.drop), '—', '—'],
          ];
    return [
      ...helperRows,
      [s, 'floor: `CREATE DATABASE … TEMPLATE … STRATEGY WAL_LOG` (the default)', ms(f.floor.walLog.create), ms(f.floor.walLog.drop), '—', '—'],
      [s, 'floor: `… STRATEGY FILE_COPY`', ms(f.floor.fileCopy.create), ms(f.floor.fileCopy.drop), '—', '—'],
      [s, 'floor: an empty database (`TEMPLATE template1`)', ms(f.floor.empty.create), ms(f.floor.empty.drop), '—', '—'],
      ...(f.fsyncOff ? [[`${s}, fsync=off`, 'floor: `… STRATEGY WAL_LOG`', ms(f.fsyncOff.create), ms(f.fsyncOff.drop), '—', '—']] : []),
    ];
  });
  const firsts = results.map((f) => ('error' in f.helper ? null : `${f.server.name}: ${(f.helper.build / 1000).toFixed(2)} s`)).filter(Boolean);
  return `## Test databases (issue 4) — \`bench/test-database.ts\`

${machineFacts({ servers: results.map((f) => `${f.server.name}: PostgreSQL ${f.server.version}`).join('; '), ...(busy ? { caveat: busy } : {}) })}

**Method.** A synthetic project of ${ENTITIES} entities (${census['foreign keys']} foreign keys, ${census['enum columns'] + census['enum array columns']} enum columns), its
initial migration written by \`db-manage migrate\` and applied by \`db-manage upgrade\`. First the floors, on their own:
the bare statement on one open admin connection, cloning the same migrated database, taking turns for ${RUNS} rounds.
Then \`createTestDatabase()\`, called in-process as a test suite would, with ${SPARES} spares (the default): its first
call builds the template (${firsts.join(', ')}); then ${RUNS} calls spaced by the median default floor (a test that
lasts as long as one clone), ${RUNS} calls back to back each dropping its database, ${RUNS} back to back keeping
them all, a few new processes making one call each (each test file of a suite), and ${RUNS} calls with the pool off.
Each call is timed from call to resolved promise, each \`drop()\` apart. Median (min–max). The target applies to a
call that finds a spare ready. Back to back with drops, the spares kept up: a \`drop()\` that runs while a background
clone is copying waits for it (about 100 ms instead of 15), which paces the loop. Keeping every database is the
worst case: after the spares are gone a call clones the template itself, alongside the background filler.
The bare clone's time changes several-fold between runs minutes apart on these VMs (medians of 47 to 437 ms at
100 entities within one hour, same project; 510 ms on another machine); the spare path does not depend on it. The "fsync=off" row repeats the default floor on the
benchmark's own embedded cluster after \`ALTER SYSTEM SET fsync = off\` (reset right after), the setting throwaway
test clusters use; the external server's settings are left alone.

${table(['server', 'what', 'fresh database', 'drop', 'target', 'result'], rows)}
`;
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
