import { maskedUrl } from '../engine/config/mask-url';
import { historyTable, readApplied } from '../engine/history/history-table';
import type { MigrationRef } from '../engine/history/migration-ref';
import type { HistoryIssue } from '../engine/revisions/revision-entry';
import { readHistory } from '../engine/runner/read-history';
import { serverVersion } from '../engine/inspect/server-version';
import { tableCounts, type TableCount } from '../engine/inspect/table-counts';
import { projectDiff, summarise, type OperationSummary } from '../engine/autogen/project-diff';
import { DbManageError } from '../engine/errors/db-manage-error';
import { migrationMessage } from '../engine/history/migration-message';
import { withAdminClient } from '../engine/snapshot/admin-client';
import { listSnapshots, type SnapshotInfo } from '../engine/snapshot/snapshot-store';
import type { ApiOptions } from './api-options';
import { withProject } from './project-session';
import type { ConnectionSource } from '../engine/connection/resolve-connection';
import { relative } from 'node:path';

const REASONS: Record<ConnectionSource, (dataSourceFile: string) => string> = {
  '--url': () => '--url was given for this command',
  'data source': (file) => `${file} names a server (url or host), as TypeORM's CLI would use`,
  DATABASE_URL: () => 'DATABASE_URL is set in the environment and the data source names no server',
  '.env DATABASE_URL': () => 'DATABASE_URL is set in .env and the data source names no server',
  embedded: () => 'neither --url, the data source nor DATABASE_URL names a server',
};

export interface StatusOptions extends ApiOptions {
  /** Only the connection and the current revision. */
  readonly quick?: boolean;
}

export interface ConnectionReport {
  /** The URL with its password masked. */
  readonly url: string;
  readonly kind: 'embedded' | 'external';
  /** Which setting chose the server, and why it won over the others. */
  readonly source: ConnectionSource;
  readonly reason: string;
  readonly database: string;
  readonly serverVersion: string;
}

export interface StatusReport {
  readonly connection: ConnectionReport;
  readonly current: (MigrationRef & { readonly message: string }) | null;
  readonly migrations?: { readonly applied: number; readonly pending: number; readonly pendingNames: readonly string[] };
  readonly tables?: readonly TableCount[];
  /** Applied migrations edited or deleted since, and pending ones older than the head. */
  readonly issues?: readonly HistoryIssue[];
  /** What `migrate` would generate now; null when the project loads no entities. */
  readonly drift?: readonly OperationSummary[] | null;
  /** Snapshots of this database, newest first; null when the server does not let us list them. */
  readonly snapshots?: readonly SnapshotInfo[] | null;
}

async function driftOf(ds: Parameters<typeof projectDiff>[0], schemas: readonly string[]): Promise<OperationSummary[] | null> {
  try {
    return summarise((await projectDiff(ds, { schemas })).operations);
  } catch (err) {
    if (err instanceof DbManageError && err.code === 'no-entities') return null;
    throw err;
  }
}

export async function status(options: StatusOptions = {}): Promise<StatusReport> {
  return withProject(options, async (session, ds) => {
    const version = await serverVersion(ds);
    const applied = await readApplied(ds, historyTable(ds));
    const connection: ConnectionReport = {
      url: maskedUrl(session.conn.url),
      kind: session.conn.kind,
      source: session.conn.source,
      reason: REASONS[session.conn.source](relative(session.cwd, session.loaded.file) || session.loaded.file),
      database: ds.driver.database ?? '',
      serverVersion: version.version,
    };
    const head = applied.length > 0 ? applied[applied.length - 1] : null;
    const current = head ? { ...head, message: migrationMessage(head.name) } : null;
    if (options.quick) return { connection, current };
    // One read of the history serves the counts, the pending names and the issues.
    const { view } = await readHistory(ds);
    const pendingNames = view.entries.filter((e) => e.state === 'pending').map((e) => e.name);
    return {
      connection,
      current,
      migrations: { applied: view.entries.length - pendingNames.length, pending: pendingNames.length, pendingNames },
      tables: await tableCounts(ds),
      issues: view.issues,
      drift: await driftOf(ds, session.config.schemas),
      snapshots: await withAdminClient(session.conn, (client) => listSnapshots(client, connection.database)).catch(() => null),
    };
  });
}
