import type { Argv } from 'yargs';
import type { DestructionPlan, SafetyOptions } from '../api';
import type { GlobalArgs } from './command';
import type { Output } from './output/output';
import { loadApi } from './load-api';
import { askYes } from './prompt/ask-yes';

/** Arguments every destructive command shares. */
export interface DestructiveArgs {
  readonly force: boolean;
}

/** Arguments of destructive commands that take an automatic snapshot first. */
export interface SnapshotFirstArgs extends DestructiveArgs {
  readonly snapshot: boolean;
}

export function withForce(y: Argv): Argv {
  return y.option('force', { type: 'boolean', default: false, describe: 'Allow a server that is not local (never overrides NODE_ENV=production)' });
}

export function withSnapshotFirst(y: Argv): Argv {
  return withForce(y).option('snapshot', {
    type: 'boolean',
    default: true,
    describe: 'Take an automatic snapshot first (--no-snapshot skips it)',
  });
}

/**
 * --yes, --force, and on a terminal a prompt that shows the plan and wants `yes` typed.
 * Without a terminal there is no prompt, so the API refuses unless --yes was given.
 */
export function safetyFrom(args: DestructiveArgs & GlobalArgs, out: Output): SafetyOptions {
  const interactive = Boolean(process.stdin.isTTY) && !args.yes;
  return {
    yes: args.yes,
    force: args.force,
    confirm: interactive ? (plan) => confirmOnTerminal(plan, out) : undefined,
  };
}

async function confirmOnTerminal(plan: DestructionPlan, out: Output): Promise<boolean> {
  out.close();
  const [summary, ...rest] = loadApi().describePlan(plan);
  out.warn(summary);
  for (const line of rest) out.line(line);
  const output = out.json ? process.stderr : process.stdout;
  return askYes(`Type ${out.c.bold('yes')} to continue: `, { input: process.stdin, output, terminal: true });
}
