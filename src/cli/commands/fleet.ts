import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FleetAction, ProgressEvent } from '../../api';
import { defineCommand } from '../command';
import { loadApi } from '../load-api';
import { liveStatus, printSummary } from '../output/fleet-report';

interface FleetArgs {
  action: FleetAction;
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
    const fleet = { ...(await import('../../api/fleet')), ...(await import('../../engine/fleet/fleet-targets')), ...loadApi() };
    const cwd = api.cwd ?? process.cwd();
    const { text, source } = readTargets(String(args.targets), cwd);
    const run = { upgrade: fleet.fleetUpgrade, status: fleet.fleetStatus, check: fleet.fleetCheck }[args.action];
    const live = liveStatus(out);
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
      onTarget: out.json ? undefined : (r) => live.finish(r, args.action),
      ...(out.tty ? { onTargetStart: (t: string) => live.start(t), onTargetProgress: (t: string, e: ProgressEvent) => live.progress(t, e) } : {}),
    });
    out.result(report);
    if (!out.json) printSummary(out, report);
    if (report.failed > 0 || report.skipped > 0) return fleet.exitStatusFor('fleet-incomplete');
    return report.complete ? 0 : fleet.exitStatusFor('drift-detected');
  },
});
