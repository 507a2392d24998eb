// The Performance issue's "first run with an empty cache": `migrate` of N synthetic entities
// with an empty loader cache against a warm one, run as a user has db-manage: the package
// `npm pack` makes (the toolkit compiled to dist/, only the app's TypeScript goes through the
// loader), and, for comparison, from this checkout (where the toolkit's own sources are
// compiled too). Alternating runs on the external server, medians, peak RSS.
// Section `cold-start-<N>` of bench/RESULTS.md.
// Usage: node -r ./src/loader/register.js bench/cold-start.ts [--entities 300] [--runs 5] [--wait 60] [--results FILE]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateProject } from './synthetic/generate-project';
import { numberArg, rerunCommand, stringArg } from './support/args';
import { ROOT, connectExternal, dropDatabase, recreateDatabase, type BenchServer } from './support/bench-servers';
import { interleave, type Measurement, type Sampled } from './support/interleave';
import { machineFacts, markStart } from './support/machine-facts';
import { waitForQuiet } from './support/quiet';
import { RESULTS_FILE, table, verdict, writeSection } from './support/results-file';
import { expectStatus, runTimed, type TimedRun } from './support/run-timed';
import { mebibytes, seconds } from './support/stats';
import { cachesIn } from './support/caches-in';

const ENTITIES = numberArg('entities', 300);
const RUNS = numberArg('runs', 5);
const WAIT_S = numberArg('wait', 60);
const RESULTS = resolve(stringArg('results') ?? RESULTS_FILE);
const COLD_LIMIT_KIB = 200 * 1024;

/** The published package, unpacked: what `npm install db-manage` puts in node_modules. */
function packedInstall(into: string): string {
  const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', into], { cwd: ROOT, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`npm pack: ${pack.stderr.trim()}`);
  const tarball = join(into, pack.stdout.trim().split('\n').pop() as string);
  const dir = join(into, 'package');
  const untar = spawnSync('tar', ['xzf', tarball, '-C', into]);
  if (untar.status !== 0) throw new Error(`tar: ${String(untar.stderr)}`);
  // Its dependencies as npm would install them: the pinned versions of this checkout.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return join(dir, 'bin', 'db-manage.js');
}

interface Shape {
  readonly key: 'installed' | 'checkout';
  readonly label: string;
  readonly bin: string;
  readonly project: string;
}

function migrate(shape: Shape, server: BenchServer, db: string, cache: string): TimedRun {
  const env = { ...server.envFor(db), BENCH_DATABASE_URL: undefined, ...cachesIn(cache) };
  const res = runTimed(process.execPath, [shape.bin, 'migrate', 'Initial', '-d', 'data-source.ts'], { cwd: shape.project, env, memory: true, timeoutMs: 300_000 });
  return expectStatus(res, `${shape.label} · migrate`);
}

function measurements(shape: Shape, server: BenchServer, scratch: string): Measurement[] {
  const db = `bench_cold_${shape.key}`;
  const warmCache = join(scratch, `cache-warm-${shape.key}`);
  mkdirSync(warmCache, { recursive: true });
  const before = async () => {
    const dir = join(shape.project, 'migrations');
    for (const f of readdirSync(dir)) unlinkSync(join(dir, f));
    await recreateDatabase(server, db);
  };
  const cold = (): TimedRun => {
    const cache = mkdtempSync(join(scratch, 'cache-cold-'));
    try {
      return migrate(shape, server, db, cache);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  };
  return [
    { key: `${shape.key}:warm`, label: `${shape.label} · migrate, warm loader cache`, runs: RUNS, warmup: 1, before, run: () => migrate(shape, server, db, warmCache) },
    { key: `${shape.key}:cold`, label: `${shape.label} · migrate, empty loader cache`, runs: RUNS, warmup: 0, before, run: cold },
  ];
}

function render(server: BenchServer, shapes: readonly Shape[], results: Map<string, Sampled>, quiet: string | null): string {
  const rows = shapes.map((shape) => {
    const warm = results.get(`${shape.key}:warm`);
    const cold = results.get(`${shape.key}:cold`);
    const ratio = warm && cold ? cold.medianMs / warm.medianMs : Number.NaN;
    const rss = cold?.maxRssKiB ?? Number.NaN;
    return [
      shape.label,
      warm ? `${seconds(warm.medianMs)} (${seconds(warm.minMs, 2)}–${seconds(warm.maxMs, 2)})` : 'n/a',
      cold ? `${seconds(cold.medianMs)} (${seconds(cold.minMs, 2)}–${seconds(cold.maxMs, 2)})` : 'n/a',
      Number.isFinite(ratio) ? `${ratio.toFixed(2)}× — ${verdict(ratio, 2)}` : 'n/a',
      `${mebibytes(warm?.maxRssKiB)} / ${mebibytes(cold?.maxRssKiB)} — ${verdict(rss, COLD_LIMIT_KIB)}`,
    ];
  });
  return [
    `## First run with an empty loader cache, ${ENTITIES} entities — \`bench/cold-start.ts\``,
    '',
    `Rerun this section: \`${rerunCommand('bench/cold-start.ts')}\``,
    '',
    machineFacts({ server: `external: PostgreSQL ${server.version}` }),
    '',
    `**Method.** \`migrate\` of the synthetic project (\`bench/synthetic\`, ${ENTITIES} entity files) into an emptied migrations folder on a recreated empty database, with a fresh, empty \`DB_MANAGE_CACHE_DIR\` (and \`NODE_COMPILE_CACHE\`, which Node 22.1 on uses) each run against one kept warm; every run a fresh process timed from spawn to exit; the four measurements take turns, ${RUNS} rounds, medians (min–max). *Installed* is the tarball \`npm pack\` makes, unpacked, with this checkout's node_modules beside it: the toolkit runs from dist/, only the app's files are compiled; *checkout* runs bin/db-manage.js here, which compiles the toolkit's own sources too, as the migration-engine section's cold row does. Targets: empty cache ≤ 2× warm; its peak RSS ≤ 200 MiB.${quiet ? ` ${quiet}` : ''}`,
    '',
    table(['db-manage as', 'warm cache', 'empty cache', 'empty / warm (≤ 2×)', 'peak RSS warm / empty (≤ 200 MiB)'], rows),
  ].join('\n');
}

async function main(): Promise<void> {
  markStart();
  const server = await connectExternal();
  if (!server) throw new Error('the external server did not answer');
  const scratch = mkdtempSync(join(tmpdir(), 'bench-cold-start-'));
  try {
    process.stderr.write('cold-start: npm pack (builds dist/)\n');
    const installedBin = packedInstall(scratch);
    const shapes: Shape[] = [
      { key: 'installed', label: 'installed package (npm pack)', bin: installedBin, project: generateProject(ENTITIES, join(scratch, 'project-installed')).dir },
      { key: 'checkout', label: 'this checkout (bin/db-manage.js)', bin: join(ROOT, 'bin', 'db-manage.js'), project: generateProject(ENTITIES, join(scratch, 'project-checkout')).dir },
    ];
    const quiet = await waitForQuiet(WAIT_S * 1000);
    const results = await interleave(shapes.flatMap((s) => measurements(s, server, scratch)), 30 * 60_000, RUNS);
    writeSection(`cold-start-${ENTITIES}`, render(server, shapes, results, quiet), RESULTS);
    process.stderr.write(`cold-start: written to ${RESULTS}\n`);
  } finally {
    for (const key of ['installed', 'checkout']) await dropDatabase(server, `bench_cold_${key}`).catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
