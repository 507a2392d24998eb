import { databaseOf } from '../engine/connection/with-client';
import { parseDowngradeTarget } from '../engine/revisions/revision-target';
import { runDowngrade, type DowngradeResult } from '../engine/runner/run-downgrade';
import type { TransactionMode } from '../engine/runner/run-types';
import { dataAtStake, losesData, type DataAtStake } from '../engine/safety/data-at-stake';
import { dataDroppedBy, dropsAnything } from '../engine/safety/data-dropped-by';
import { confirmPlan } from '../engine/safety/confirm-plan';
import type { DestructionPlan } from '../engine/safety/destruction-plan';
import { guardServer, type SafetyOptions } from '../engine/safety/guard-destructive';
import { plural } from '../engine/text/plural';
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
  /**
   * The tables and columns the reverted migrations drop, with the rows and non-null values
   * they held just before (empty lists when nothing is dropped).
   */
  readonly dropped: DataAtStake;
  readonly autoSnapshot: AutoSnapshotReport | null;
}

function effectOf(count: number, stake: DataAtStake): string {
  const objects = [...stake.tables.map((t) => `table ${t.schema}.${t.table}`), ...stake.columns.map((c) => `column ${c.schema}.${c.table}.${c.column}`)];
  return `will be lost: reverting ${plural(count, 'migration')} drops ${objects.join(', ')}`;
}

/**
 * Reverts applied migrations, newest first, under the migration lock. Dropping an empty
 * table or a column with no values loses nothing, so it just runs, as Alembic and Rails do.
 * A downgrade that would lose rows or non-null values is destructive: it first goes through
 * the same production guard, confirmation and automatic snapshot as reset.
 */
export async function downgrade(options: DowngradeOptions = {}): Promise<DowngradeReport> {
  parseDowngradeTarget(options.target, options.steps); // a bad target is refused before anything connects
  const runOptions = { target: options.target, steps: options.steps, transaction: options.transaction, onProgress: options.onProgress };
  const session = await openProject(options);
  const { preview, dropped } = await withDataSource(session.loaded, session.conn, async (ds) => {
    const preview = await runDowngrade(ds, { ...runOptions, dryRun: true, onProgress: undefined });
    const drops = dataDroppedBy((preview.sql ?? []).flatMap((block) => block.statements));
    const dropped: DataAtStake = dropsAnything(drops) ? await dataAtStake(ds, drops) : { tables: [], columns: [] };
    return { preview, dropped };
  });
  if (options.sql) return { ...preview, dropped, autoSnapshot: null };
  let autoSnapshot: AutoSnapshotReport | null = null;
  if (losesData(dropped) && preview.planned.length > 0) {
    const database = databaseOf(session.conn.url);
    guardServer({ action: 'downgrade', conn: session.conn, cwd: session.cwd, env: options.env, force: options.force });
    const plan: DestructionPlan = {
      action: 'downgrade',
      database,
      schemas: [],
      tables: dropped.tables,
      columns: dropped.columns,
      effect: effectOf(preview.planned.length, dropped),
      notes: [],
    };
    await confirmPlan(plan, options);
    autoSnapshot = await snapshotFirst(options, session.conn, database, 'downgrade');
  }
  const result = await withDataSource(session.loaded, session.conn, (ds) => runDowngrade(ds, runOptions));
  return { ...result, dropped, autoSnapshot };
}
