import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FleetReport, FleetTargetReport } from '../../api';
import { defineCommand } from '../command';
import { loadApi } from '../load-api';
import type { Output } from '../output/output';

interface FleetArgs {
  action: 'upgrade' | 'status' | 'check';
  targets: string;
  concurrency: number;
  canary?: number;
  continueOnError: boolean;
  shard?: string;
}

/** The targets' text: a file, or standard input for `-` (a script listing tenants from a registry). */
function readTargets(file: string, cwd: string): { text: string; source: string } {
  const { DbManageError } = loadApi();
  const source = file === '-' ? 'standard input' : file;
  try {
    return { text: readFileSync(file === '-' ? 0 : resolve(cwd, file), 'utf8'), source };
  } catch (cause) {
    throw new DbManageError('config-not-found', `cannot read the targets from ${source}`, { cause, hint: 'Pass --targets FILE (one target a line) or --targets - to read them from standard input' });
  }
}

/** One line a target: what happened to it. */
function describe(r: FleetTargetReport, action: FleetArgs['action']): string {
  if (r.status === 'skipped') return 'skipped (not started after a failure)';
  if (r.status === 'failed') return `failed: ${r.error?.message ?? 'unknown error'}`;
  const head = r.current ?? 'base';
  if (action === 'upgrade') return r.applied && r.applied.length > 0 ? `applied ${r.applied.join(', ')}; at ${head}` : `at ${head}, nothing pending`;
  if (action === 'status') return `at ${head}${r.pending ? `, ${r.pending} pending` : ''}`;
  if (r.clean) return 'clean';
  return [r.pending ? `${r.pending} pending` : '', r.drift && r.drift.length > 0 ? `drift: ${r.drift.join('; ')}` : ''].filter(Boolean).join(', ');
}

function printTarget(out: Output, r: FleetTargetReport, action: FleetArgs['action']): void {
  const mark = r.status === 'ok' ? (action === 'check' && !r.clean ? out.c.yellow('!') : out.c.green('✔')) : r.status === 'failed' ? out.c.red('✖') : out.c.dim('-');
  out.line(`${mark} ${r.target} ${out.c.dim('—')} ${describe(r, action)}`);
}

function printSummary(out: Output, report: FleetReport): void {
  const { plural } = loadApi();
  const shard = report.shard ? ` (shard ${report.shard.index}/${report.shard.count})` : '';
  out.line();
  out.line(`${report.action}${shard}: ${plural(report.targets.length, 'target')}, ${report.ok} ok, ${report.failed} failed, ${report.skipped} skipped`);
}

export default defineCommand<FleetArgs>({
  name: 'fleet',
  positionals: '<action>',
  describe: 'Upgrade, report or check many tenants at once (--targets FILE: one postgres:// URL or schema=NAME a line)',
  options: (y) =>
    y
      .positional('action', { choices: ['upgrade', 'status', 'check'] as const, describe: 'upgrade: apply pending migrations; status: head and pending; check: drift' })
      .option('targets', { type: 'string', demandOption: true, describe: 'File of targets, one a line (# comments), or - for standard input' })
      .option('concurrency', { type: 'number', default: 4, describe: 'How many targets at once' })
      .option('canary', { type: 'number', describe: 'Upgrade the first K targets first; stop if any fails' })
      .option('continue-on-error', { type: 'boolean', default: false, describe: 'Keep starting targets after one fails' })
      .option('shard', { type: 'string', describe: 'I/N: take the I-th of N parts (for N CI jobs)' }),
  async run({ args, out, api }) {
    const fleet = loadApi();
    const cwd = api.cwd ?? process.cwd();
    const { text, source } = readTargets(String(args.targets), cwd);
    const run = { upgrade: fleet.fleetUpgrade, status: fleet.fleetStatus, check: fleet.fleetCheck }[args.action];
    const report = await run({
      cwd,
      env: api.env,
      datasource: api.datasource,
      targets: text,
      targetsSource: source,
      concurrency: args.concurrency,
      canary: args.canary,
      continueOnError: args.continueOnError,
      shard: args.shard === undefined ? undefined : fleet.parseShard(String(args.shard)),
      onTarget: out.json ? undefined : (r) => printTarget(out, r, args.action),
    });
    out.result(report);
    if (!out.json) printSummary(out, report);
    if (report.failed > 0 || report.skipped > 0) return fleet.exitStatusFor('fleet-incomplete');
    return report.complete ? 0 : fleet.exitStatusFor('drift-detected');
  },
});
