import { databaseOf } from '../engine/connection/with-client';
import { parseDowngradeTarget } from '../engine/revisions/revision-target';
import { runDowngrade, type DowngradeResult } from '../engine/runner/run-downgrade';
import type { TransactionMode } from '../engine/runner/run-types';
import { dataDroppedBy, dropsAnything, type DroppedData } from '../engine/safety/data-dropped-by';
import { guardDestructive, type SafetyOptions } from '../engine/safety/guard-destructive';
import type { ApiOptions } from './api-options';
import { openProject } from './project-session';
import { snapshotFirst, type AutoSnapshotReport } from './snapshot-first';
import { withDataSource } from '../engine/connection/with-data-source';

export interface DowngradeOptions extends ApiOptions, SafetyOptions {
  /** One step (default), -N, a migration to go back to (it stays applied), base, or head. */
  readonly target?: string;
  /** Revert this many migrations; the same as target "-N". */
  readonly steps?: number;
  readonly transaction?: TransactionMode;
  /** Return the SQL that would run, without running it. */
  readonly sql?: boolean;
  /** When the downgrade drops data, take an automatic snapshot first; default true. */
  readonly snapshot?: boolean;
}

export interface DowngradeReport extends DowngradeResult {
  /** The tables and columns the reverted migrations dropped (empty when nothing). */
  readonly dropped: DroppedData;
  readonly autoSnapshot: AutoSnapshotReport | null;
}

/**
 * Reverts applied migrations, newest first, under the migration lock. A downgrade whose
 * SQL drops tables or columns is destructive: it first goes through the same production
 * guard, confirmation and automatic snapshot as reset.
 */
export async function downgrade(options: DowngradeOptions = {}): Promise<DowngradeReport> {
  parseDowngradeTarget(options.target, options.steps); // a bad target is refused before anything connects
  const runOptions = { target: options.target, steps: options.steps, transaction: options.transaction, onProgress: options.onProgress };
  const session = await openProject(options);
  const preview = await withDataSource(session.loaded, session.conn, (ds) => runDowngrade(ds, { ...runOptions, dryRun: true, onProgress: undefined }));
  const dropped = dataDroppedBy((preview.sql ?? []).flatMap((block) => block.statements));
  if (options.sql) return { ...preview, dropped, autoSnapshot: null };
  let autoSnapshot: AutoSnapshotReport | null = null;
  if (dropsAnything(dropped) && preview.planned.length > 0) {
    const database = databaseOf(session.conn.url);
    await withDataSource(session.loaded, session.conn, (ds) =>
      guardDestructive(
        ds,
        { action: 'downgrade', conn: session.conn, cwd: session.cwd, env: options.env, force: options.force },
        {
          action: 'downgrade',
          database,
          tables: dropped.tables.map((t) => {
            const [schema, table] = t.includes('.') ? t.split('.') : ['public', t];
            return { schema, table };
          }),
          effect: `reverting ${preview.planned.length} migration(s) drops ${[...dropped.tables.map((t) => `table ${t}`), ...dropped.columns.map((c) => `column ${c}`)].join(', ')}`,
        },
        options,
      ),
    );
    autoSnapshot = await snapshotFirst(options, session.conn, database, 'downgrade');
  }
  const result = await withDataSource(session.loaded, session.conn, (ds) => runDowngrade(ds, runOptions));
  return { ...result, dropped, autoSnapshot };
}
