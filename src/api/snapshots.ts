import { withAdminClient } from '../engine/snapshot/admin-client';
import { dropSnapshot, listSnapshots, type SnapshotInfo } from '../engine/snapshot/snapshot-store';
import type { ApiOptions } from './api-options';
import { openConnection } from './connection-session';

export interface SnapshotsOptions extends ApiOptions {
  /** Remove this snapshot instead of listing. */
  readonly drop?: string;
}

export interface SnapshotsReport {
  readonly database: string;
  /** Newest first. */
  readonly snapshots: readonly SnapshotInfo[];
  readonly dropped?: SnapshotInfo;
}

/** Lists the snapshots of the project's database (and drops one with `drop`). */
export async function snapshots(options: SnapshotsOptions = {}): Promise<SnapshotsReport> {
  const session = await openConnection(options);
  return withAdminClient(session.conn, async (client) => {
    const dropped = options.drop === undefined ? undefined : await dropSnapshot(client, session.database, options.drop);
    return { database: session.database, snapshots: await listSnapshots(client, session.database), dropped };
  });
}
