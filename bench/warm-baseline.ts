// The Performance issue's "warm migrate/check/status no slower than today": this checkout against
// the commit the issue was measured at (26bc0fe, ../shared/findings/performance.md), both from
// their own git worktree of the same node_modules, on one synthetic project and one server,
// alternating runs, medians, ratios. Section `warm-baseline-<N>` of bench/RESULTS.md.
// Usage: node -r ./src/loader/register.js bench/warm-baseline.ts
//   [--baseline 26bc0fe] [--entities 300] [--runs 7] [--wait 60] [--results bench/RESULTS.md]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
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

const BASELINE = stringArg('baseline') ?? '26bc0fe';
const ENTITIES = numberArg('entities', 300);
const RUNS = numberArg('runs', 7);
const WAIT_S = numberArg('wait', 60);
const RESULTS = resolve(stringArg('results') ?? RESULTS_FILE);
const COMMANDS = ['migrate', 'check', 'status'] as const;
type Command = (typeof COMMANDS)[number];

function git(args: readonly string[]): string {
  const res = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`git ${args.join(' ')}: ${res.stderr.trim()}`);
  return res.stdout.trim();
}

/**
 * One db-manage build: its bin, and two copies of the synthetic project of its own: one whose
 * migrations folder `migrate` empties before every run, one at head for `check` and `status`.
 */
interface Side {
  readonly name: 'baseline' | 'current';
  readonly commit: string;
  readonly bin: string;
  readonly migrateProject: string;
  readonly headProject: string;
}

function run(side: Side, project: string, server: BenchServer, db: string, args: readonly string[]): TimedRun {
  const env = { ...server.envFor(db), BENCH_DATABASE_URL: undefined };
  const res = runTimed(process.execPath, [side.bin, ...args, '-d', 'data-source.ts'], { cwd: project, env, memory: true, timeoutMs: 180_000 });
  return expectStatus(res, `${side.name} · db-manage ${args.join(' ')}`);
}

function clearMigrations(project: string): void {
  const dir = join(project, 'migrations');
  for (const f of readdirSync(dir)) unlinkSync(join(dir, f));
}

function measurements(side: Side, server: BenchServer): Measurement[] {
  const head = `bench_wb_${side.name}_head`;
  const empty = `bench_wb_${side.name}_empty`;
  return [
    {
      key: `${side.name}:migrate`,
      label: `${side.name} · migrate, empty db`,
      runs: RUNS,
      before: async () => {
        clearMigrations(side.migrateProject);
        await recreateDatabase(server, empty);
      },
      run: () => run(side, side.migrateProject, server, empty, ['migrate', 'Initial']),
    },
    {
      key: `${side.name}:check`,
      label: `${side.name} · check, up-to-date db`,
      runs: RUNS,
      setup: async () => {
        clearMigrations(side.headProject);
        await recreateDatabase(server, head);
        run(side, side.headProject, server, head, ['migrate', 'Initial']);
        run(side, side.headProject, server, head, ['upgrade']);
      },
      run: () => run(side, side.headProject, server, head, ['check']),
    },
    { key: `${side.name}:status`, label: `${side.name} · status, up-to-date db`, runs: RUNS, run: () => run(side, side.headProject, server, head, ['status']) },
  ];
}

function render(server: BenchServer, sides: readonly Side[], results: Map<string, Sampled>, quiet: string | null): string {
  const [base, current] = sides;
  const rows = COMMANDS.map((command: Command) => {
    const b = results.get(`baseline:${command}`);
    const c = results.get(`current:${command}`);
    const ratio = b && c ? c.medianMs / b.medianMs : Number.NaN;
    const spread = (s: Sampled | undefined) => (s ? `${seconds(s.medianMs)} (${seconds(s.minMs, 2)}–${seconds(s.maxMs, 2)})` : 'n/a');
    return [`\`${command}\``, spread(b), spread(c), Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a', verdict(ratio, 1), `${mebibytes(b?.maxRssKiB)} / ${mebibytes(c?.maxRssKiB)}`];
  });
  return [
    `## Warm commands against the Performance issue's baseline, ${ENTITIES} entities — \`bench/warm-baseline.ts\``,
    '',
    `Rerun this section: \`${rerunCommand('bench/warm-baseline.ts')}\``,
    '',
    machineFacts({ server: `external: PostgreSQL ${server.version}`, baseline: `${base.commit} (the commit ../shared/findings/performance.md measured)`, current: current.commit }),
    '',
    `**Method.** Both builds run from their own git worktree, each with the node_modules of its own package-lock.json (the baseline's installed with \`npm ci --ignore-scripts\` in its worktree when the lock files differ, as they do since yargs 17 replaced 18), each on its own copies of the synthetic project (\`bench/synthetic\`), against the same server; every run a fresh process timed from spawn to exit, one untimed warm-up each (which fills each build's loader cache), then ${RUNS} rounds in which the six measurements take turns; medians (min–max). \`migrate\` writes the initial migration into an emptied folder on a recreated empty database; \`check\` and \`status\` run on a database at head. The target is "no slower than today": current ≤ 1.00× baseline. Peak RSS from /usr/bin/time.${quiet ? ` ${quiet}` : ''}`,
    '',
    table(['command', `baseline ${base.commit}`, `current ${current.commit}`, 'current / baseline', 'target ≤ 1.00×', 'peak RSS baseline / current'], rows),
  ].join('\n');
}

/**
 * The baseline's own node_modules: this checkout's when the two lock files agree, else its
 * locked versions installed into its worktree (`npm ci`, install scripts skipped: these commands
 * reach only the external server, never the embedded one or bcrypt). Since 620cc04 they differ:
 * the baseline has yargs 18, whose ES module costs every command of its ~150 ms.
 */
function baselineModules(commit: string, worktree: string): string {
  const target = join(worktree, 'node_modules');
  if (spawnSync('git', ['diff', '--quiet', commit, 'HEAD', '--', 'package-lock.json'], { cwd: ROOT }).status === 0) {
    symlinkSync(join(ROOT, 'node_modules'), target, 'dir');
    return target;
  }
  process.stderr.write(`warm-baseline: ${commit} locks other versions; npm ci in its worktree\n`);
  const res = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: worktree, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`npm ci for the baseline ${commit} failed: ${res.stderr.trim().split('\n').pop()}`);
  return target;
}

async function main(): Promise<void> {
  markStart();
  const server = await connectExternal();
  if (!server) throw new Error('the external server did not answer: this benchmark compares two builds on it');
  const scratch = mkdtempSync(join(tmpdir(), 'bench-warm-baseline-'));
  const worktree = join(scratch, 'baseline');
  const commit = git(['rev-parse', '--short', BASELINE]);
  git(['worktree', 'add', '--detach', worktree, commit]);
  try {
    const modules = baselineModules(commit, worktree);
    const side = (name: Side['name'], at: string, bin: string): Side => {
      const project = (kind: string) => {
        const dir = generateProject(ENTITIES, join(scratch, `${name}-${kind}`)).dir;
        // The project's typeorm must be the one its build loads (DataSource instanceof checks).
        if (name === 'baseline') {
          unlinkSync(join(dir, 'node_modules'));
          symlinkSync(modules, join(dir, 'node_modules'), 'dir');
        }
        return dir;
      };
      return { name, commit: at, bin, migrateProject: project('migrate'), headProject: project('head') };
    };
    const sides = [side('baseline', commit, join(worktree, 'bin', 'db-manage.js')), side('current', git(['rev-parse', '--short', 'HEAD']), join(ROOT, 'bin', 'db-manage.js'))];
    const quiet = await waitForQuiet(WAIT_S * 1000);
    const results = await interleave(sides.flatMap((s) => measurements(s, server)), 30 * 60_000, RUNS);
    writeSection(`warm-baseline-${ENTITIES}`, render(server, sides, results, quiet), RESULTS);
    process.stderr.write(`warm-baseline: written to ${RESULTS}\n`);
  } finally {
    for (const side of ['baseline', 'current']) for (const db of ['head', 'empty']) await dropDatabase(server, `bench_wb_${side}_${db}`).catch(() => undefined);
    git(['worktree', 'remove', '--force', worktree]);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
