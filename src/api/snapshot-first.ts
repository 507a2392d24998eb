import type { ResolvedConnection } from '../engine/connection/resolve-connection';
import { commandLine, shellWord } from '../engine/text/command-line';
import type { ApiOptions } from './api-options';
import { step } from './connection-session';

/** The automatic snapshot a destructive command took, and how to go back to it. */
export interface AutoSnapshotReport {
  readonly name: string;
  readonly restoreCommand: string;
  /** Older automatic snapshots removed to keep the newest five. */
  readonly pruned: readonly string[];
}

export interface SnapshotFirstOptions extends ApiOptions {
  /** Take an automatic snapshot before destroying anything; default true (`--no-snapshot`). */
  readonly snapshot?: boolean;
}

/**
 * Runs after confirmation and before the first destructive statement. The caller must
 * hold no session on the database: copying it ends every other session.
 */
export async function snapshotFirst(
  options: SnapshotFirstOptions,
  conn: ResolvedConnection,
  database: string,
  action: string,
  protect: readonly string[] = [],
): Promise<AutoSnapshotReport | null> {
  if (options.snapshot === false) return null;
  // Loaded only when a snapshot is taken: every downgrade imports this module, few snapshot.
  const [{ withAdminClient }, { takeAutoSnapshot }] = await Promise.all([import('../engine/snapshot/admin-client'), import('../engine/snapshot/snapshot-store')]);
  const taken = await withAdminClient(conn, (client) =>
    step(options, `Automatic snapshot of ${database}`, () => takeAutoSnapshot(client, database, action, protect)),
  );
  const restoreCommand = commandLine('restore', shellWord(taken.snapshot.name));
  options.onProgress?.({ kind: 'notice', message: `Snapshot ${taken.snapshot.name} taken; undo with: ${restoreCommand}` });
  return { name: taken.snapshot.name, restoreCommand, pruned: taken.pruned };
}
