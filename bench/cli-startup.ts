// Issue 2's benchmark: how long the CLI takes to start, against `node -e 0`.
// Usage: node -r ./src/loader/register.js bench/cli-startup.ts [--runs 15] [--wait 120]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineFacts } from './support/machine-facts';
import { ROOT, BENCH_EMBEDDED_ENV, startBenchEmbedded, stopBenchEmbedded } from './support/bench-servers';
import { expectStatus, runTimed } from './support/run-timed';
import { numberArg } from './support/args';
import { waitForQuiet } from './support/quiet';
import { interleave, type Measurement, type Sampled } from './support/interleave';
import { seconds, mebibytes } from './support/stats';
import { table, verdict, writeSection } from './support/results-file';
import { cachesIn } from './support/caches-in';

const RUNS = numberArg('runs', 15);
const WAIT_S = numberArg('wait', 120);
const BUDGET_MS = 3 * 60_000; // rounds stop starting after this (once each has 3 runs): the bench always ends
const BIN = join(ROOT, 'bin', 'db-manage.js');
const HELP_TARGET_MS = 250;
const STATUS_TARGET_MS = 600;

function node(args: readonly string[], env: Record<string, string | undefined> = {}) {
  return () => expectStatus(runTimed(process.execPath, args, { cwd: ROOT, env: { ...BENCH_EMBEDDED_ENV, ...env }, memory: true, timeoutMs: 60_000 }), args.join(' '));
}

/** Every run gets an empty cache dir, so the loader compiles every TypeScript file it loads. */
function coldCache(args: readonly string[]): () => ReturnType<ReturnType<typeof node>> {
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-ts-cache-'));
    try {
      return node(args, cachesIn(dir))();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

async function main(): Promise<void> {
  process.stderr.write('cli-startup: starting the bench embedded server\n');
  const server = await startBenchEmbedded();
  const warmDir = mkdtempSync(join(tmpdir(), 'bench-ts-cache-warm-'));
  try {
    const busy = await waitForQuiet(WAIT_S * 1000);
    const warm = (key: string, label: string, run: Measurement['run']): Measurement => ({ key, label, run, runs: RUNS, warmup: 2 });
    const cold = (key: string, label: string, run: Measurement['run']): Measurement => ({ key, label, run, runs: Math.min(RUNS, 7), warmup: 0 });
    const m = await interleave(
      [
        warm('baseline', 'node -e 0', node(['-e', '0'])),
        warm('help', 'db-manage --help', node([BIN, '--help'])),
        warm('status', 'db-manage status', node([BIN, 'status'])),
        warm('quick', 'db-manage status --quick', node([BIN, 'status', '--quick'])),
        cold('helpCold', '--help, cold loader cache', coldCache([BIN, '--help'])),
        warm('helpWarm', '--help, warm loader cache', node([BIN, '--help'], cachesIn(warmDir))),
        cold('statusCold', 'status, cold loader cache', coldCache([BIN, 'status'])),
        warm('statusWarm', 'status, warm loader cache', node([BIN, 'status'], cachesIn(warmDir))),
      ],
      BUDGET_MS,
    );
    const get = (k: string) => m.get(k) as Sampled;
    writeSection(
      'cli-startup',
      render(server.version, busy, { baseline: get('baseline'), help: get('help'), status: get('status'), quick: get('quick') }, {
        helpCold: get('helpCold'),
        helpWarm: get('helpWarm'),
        statusCold: get('statusCold'),
        statusWarm: get('statusWarm'),
      }),
    );
    process.stderr.write('cli-startup: wrote bench/RESULTS.md\n');
  } finally {
    rmSync(warmDir, { recursive: true, force: true });
    await stopBenchEmbedded();
  }
}

function row(s: Sampled, target?: number): string[] {
  return [
    `\`${s.label}\``,
    seconds(s.medianMs),
    `${seconds(s.minMs)} – ${seconds(s.maxMs)}`,
    String(s.n),
    mebibytes(s.maxRssKiB),
    target === undefined ? '—' : `≤ ${seconds(target, 2)}`,
    target === undefined ? '—' : verdict(s.medianMs, target),
  ];
}

function render(
  serverVersion: string,
  busy: string | null,
  m: Record<'baseline' | 'help' | 'status' | 'quick', Sampled>,
  c: Record<'helpCold' | 'helpWarm' | 'statusCold' | 'statusWarm', Sampled>,
): string {
  return `## CLI start-up (issue 2) — \`bench/cli-startup.ts\`

${machineFacts({ 'embedded server': `PostgreSQL ${serverVersion} (bench cluster, already running)`, ...(busy ? { caveat: busy } : {}) })}

**Method.** Each command is spawned from Node with \`spawnSync\`; the wall time runs from spawn to exit.
Two untimed warm-up runs, then up to ${RUNS} rounds in which every command runs once in turn (round-robin,
so a change in machine load hits all alike; no new round after ${BUDGET_MS / 1000} s). \`status\`
talks to the benchmark's own embedded server (started before timing, so "already running") and its empty
default database. Peak RSS comes from \`/usr/bin/time -f %M\`. The loader's default cache
(\`node_modules/.cache/db-manage-ts\`) is warm, as it is for a user after the first command.

${table(['command', 'median', 'min – max', 'runs', 'peak RSS', 'target', 'result'], [
    row(m.baseline),
    row(m.help, HELP_TARGET_MS),
    row(m.status, STATUS_TARGET_MS),
    row(m.quick),
  ])}

Over \`node -e 0\`: \`--help\` costs ${seconds(m.help.medianMs - m.baseline.medianMs)}, \`status\` costs ${seconds(m.status.medianMs - m.baseline.medianMs)}.

**Loader cache, cold vs warm.** \`DB_MANAGE_CACHE_DIR\` points the loader at a fresh empty folder for every cold
run (it then loads the TypeScript compiler and transpiles each file), and at one pre-filled folder for the warm runs;
\`NODE_COMPILE_CACHE\` (Node 22.1 on) goes along in the same folder.

${table(['command', 'cold median', 'warm median', 'cold − warm', 'cold runs', 'warm runs'], [
    ['`db-manage --help`', seconds(c.helpCold.medianMs), seconds(c.helpWarm.medianMs), seconds(c.helpCold.medianMs - c.helpWarm.medianMs), String(c.helpCold.n), String(c.helpWarm.n)],
    ['`db-manage status`', seconds(c.statusCold.medianMs), seconds(c.statusWarm.medianMs), seconds(c.statusCold.medianMs - c.statusWarm.medianMs), String(c.statusCold.n), String(c.statusWarm.n)],
  ])}
`;
}

main().catch((err: unknown) => {
  process.stderr.write(`cli-startup failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
