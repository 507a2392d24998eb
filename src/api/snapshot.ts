import { withAdminClient } from '../engine/snapshot/admin-client';
import { defaultSnapshotName } from '../engine/snapshot/snapshot-name';
import { takeSnapshot, type SnapshotInfo } from '../engine/snapshot/snapshot-store';
import { guardServer } from '../engine/safety/guard-destructive';
import { commandLine, shellWord } from '../engine/text/command-line';
import type { ApiOptions } from './api-options';
import { openConnection, step } from './connection-session';

export interface SnapshotOptions extends ApiOptions {
  /** Defaults to snap-<UTC time>. */
  readonly name?: string;
  /** Allow a server that is not local: a snapshot ends every other session on the database. */
  readonly force?: boolean;
}

export interface SnapshotReport {
  readonly database: string;
  readonly snapshot: SnapshotInfo;
  /** Other sessions that had to be ended: PostgreSQL copies only a database nobody uses. */
  readonly terminatedSessions: number;
  /** The command that brings this state back. */
  readonly restoreCommand: string;
}

/** Copies the project's database into a template-cloned snapshot database on the same server. */
export async function snapshot(options: SnapshotOptions = {}): Promise<SnapshotReport> {
  const session = await openConnection(options);
  guardServer({ action: 'snapshot', conn: session.conn, cwd: session.cwd, env: options.env, force: options.force });
  const name = options.name ?? defaultSnapshotName(new Date());
  const taken = await withAdminClient(session.conn, (client) =>
    step(options, `Snapshot ${session.database} as ${name}`, () => takeSnapshot(client, session.database, name)),
  );
  return {
    database: session.database,
    snapshot: taken.snapshot,
    terminatedSessions: taken.terminated,
    restoreCommand: commandLine('restore', shellWord(name)),
  };
}
