import type { ResolvedConnection } from '../engine/connection/resolve-connection';
import { confirmPlan } from '../engine/safety/confirm-plan';
import type { DestructionPlan } from '../engine/safety/destruction-plan';
import { guardServer, type SafetyOptions } from '../engine/safety/guard-destructive';
import { snapshotFirst, type AutoSnapshotReport, type SnapshotFirstOptions } from './snapshot-first';

export type DestructiveOptions = SafetyOptions & SnapshotFirstOptions;

export interface DestructiveSteps<I extends { readonly plan: DestructionPlan }, R> {
  readonly action: string;
  readonly conn: ResolvedConnection;
  readonly cwd: string;
  /** Reads what would be destroyed and builds the plan with live row counts. Changes nothing. */
  readonly inspect: () => Promise<I>;
  /** Snapshots the automatic snapshot's pruning must keep (the one being restored). */
  readonly protect?: (inspected: I) => readonly string[];
  /** The destruction itself, once the plan is confirmed and the snapshot taken. */
  readonly act: (inspected: I, autoSnapshot: AutoSnapshotReport | null) => Promise<R>;
}

/**
 * The one sequence every destructive command runs: the production guard, then the plan
 * (inspected, nothing changed), then confirmation, then the automatic snapshot, then the
 * act. Refusing at any point before the act leaves the database as it was.
 */
export async function destructive<I extends { readonly plan: DestructionPlan }, R>(options: DestructiveOptions, steps: DestructiveSteps<I, R>): Promise<R> {
  guardServer({ action: steps.action, conn: steps.conn, cwd: steps.cwd, env: options.env, force: options.force });
  const inspected = await steps.inspect();
  await confirmPlan(inspected.plan, options);
  const autoSnapshot = await snapshotFirst(options, steps.conn, inspected.plan.database, steps.action, steps.protect?.(inspected) ?? []);
  return steps.act(inspected, autoSnapshot);
}
