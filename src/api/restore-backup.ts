import { destructive } from './destructive';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { sniffFormat, type BackupFormat } from '../engine/backup/backup-file';
import { loadBackup } from '../engine/backup/load-backup';
import { requireTool } from '../engine/backup/pg-tool';
import { withClient } from '../engine/connection/with-client';
import { DbManageError } from '../engine/errors/db-manage-error';
import { rowsOf } from '../engine/inspect/queryable';
import { serverVersion } from '../engine/inspect/server-version';
import type { DestructionPlan } from '../engine/safety/destruction-plan';
import { buildPlan, type SafetyOptions } from '../engine/safety/guard-destructive';
import { withAdminClient } from '../engine/snapshot/admin-client';
import { openConnection, step } from './connection-session';
import type { AutoSnapshotReport, SnapshotFirstOptions } from './snapshot-first';

export interface RestoreBackupOptions extends SnapshotFirstOptions, SafetyOptions {
  /** A file written by `backup` (custom format) or any plain SQL dump. */
  readonly file: string;
}

export interface RestoreBackupReport {
  readonly database: string;
  readonly file: string;
  readonly format: BackupFormat;
  readonly plan: DestructionPlan;
  readonly autoSnapshot: AutoSnapshotReport | null;
  readonly tool: { readonly path: string; readonly version: string };
  readonly terminatedSessions: number;
  readonly leftover?: string;
}

/** Replaces the database with the contents of a backup, loaded beside it and swapped in. */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreBackupReport> {
  const session = await openConnection(options);
  const { conn, database } = session;
  const file = resolve(session.cwd, options.file);
  const inspect = async () => {
    if (!existsSync(file)) {
      throw new DbManageError('io-failed', `backup file not found: ${relative(session.cwd, file) || file}`, { hint: 'Check the path' });
    }
    const format = sniffFormat(file);
    const { server, plan } = await withClient(conn, async (client) => ({
      server: await serverVersion(rowsOf(client)),
      plan: await buildPlan(rowsOf(client), { action: 'restore-backup', database, tables: 'all', effect: `will be replaced by the contents of ${options.file}` }),
    }));
    // Found before asking, so a missing client never costs the user a confirmation.
    const tool = await requireTool(format === 'custom' ? 'pg_restore' : 'psql', server, 'restore-backup', options.env ?? process.env);
    return { format, plan, tool };
  };
  const act = async ({ format, plan, tool }: Awaited<ReturnType<typeof inspect>>, autoSnapshot: AutoSnapshotReport | null): Promise<RestoreBackupReport> => {
    const swapped = await withAdminClient(conn, (client) =>
      step(options, `Load ${options.file} into ${database}`, () => loadBackup(client, { url: conn.url, target: database, file, format, tool })),
    );
    return {
      database,
      file,
      format,
      plan,
      autoSnapshot,
      tool: { path: tool.path, version: tool.version },
      terminatedSessions: swapped.terminated,
      leftover: swapped.leftover,
    };
  };
  return destructive(options, { action: 'restore-backup', conn, cwd: session.cwd, inspect, act });
}
