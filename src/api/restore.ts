import { destructive } from './destructive';
import { withClient } from '../engine/connection/with-client';
import { rowsOf } from '../engine/inspect/queryable';
import type { DestructionPlan } from '../engine/safety/destruction-plan';
import { buildPlan, type SafetyOptions } from '../engine/safety/guard-destructive';
import { withAdminClient } from '../engine/snapshot/admin-client';
import { findSnapshot, restoreSnapshot, type SnapshotInfo } from '../engine/snapshot/snapshot-store';
import { openConnection, step } from './connection-session';
import type { AutoSnapshotReport, SnapshotFirstOptions } from './snapshot-first';

export interface RestoreOptions extends SnapshotFirstOptions, SafetyOptions {
  /** The snapshot; defaults to the newest. */
  readonly name?: string;
}

export interface RestoreReport {
  readonly database: string;
  readonly restored: SnapshotInfo;
  readonly plan: DestructionPlan;
  /** The state just before the restore, unless `snapshot: false`. */
  readonly autoSnapshot: AutoSnapshotReport | null;
  readonly terminatedSessions: number;
  /** The replaced database, if it could not be dropped afterwards. */
  readonly leftover?: string;
}

/** Replaces the project's database with a copy of a snapshot; the snapshot stays. */
export async function restore(options: RestoreOptions = {}): Promise<RestoreReport> {
  const session = await openConnection(options);
  const { conn, database } = session;
  const inspect = async () => {
    const chosen = await withAdminClient(conn, (client) => findSnapshot(client, database, options.name));
    const when = chosen.createdAt ? ` taken ${chosen.createdAt}` : '';
    const plan = await withClient(conn, (client) =>
      buildPlan(rowsOf(client), { action: 'restore', database, tables: 'all', effect: `will be replaced by snapshot ${chosen.name}${when}` }),
    );
    return { chosen, plan };
  };
  const act = async ({ chosen, plan }: Awaited<ReturnType<typeof inspect>>, autoSnapshot: AutoSnapshotReport | null): Promise<RestoreReport> => {
    const restored = await withAdminClient(conn, (client) =>
      step(options, `Restore ${database} from ${chosen.name}`, () => restoreSnapshot(client, database, chosen)),
    );
    return { database, restored: chosen, plan, autoSnapshot, terminatedSessions: restored.terminated, leftover: restored.leftover };
  };
  // The snapshot being restored is never pruned by the automatic one taken first.
  return destructive(options, { action: 'restore', conn, cwd: session.cwd, inspect, act, protect: ({ chosen }) => [chosen.name] });
}
