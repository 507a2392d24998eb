import { loadSqlParser } from '../engine/sql/pg-parser';
import { destructive } from './destructive';
import { databaseOf } from '../engine/connection/with-client';
import { parseDowngradeTarget } from '../engine/revisions/revision-target';
import { runDowngrade, type DowngradeResult } from '../engine/runner/run-downgrade';
import type { BeforeStep } from '../engine/runner/run-steps';
import type { SqlBlock } from '../engine/runner/run-types';
import type { TransactionMode } from '../engine/runner/run-types';
import { dataAtStake, losesData, type DataAtStake } from '../engine/safety/data-at-stake';
import { dataDroppedBy, dropsAnything, mergeDropped, type DroppedData } from '../engine/safety/data-dropped-by';
import type { DestructionPlan } from '../engine/safety/destruction-plan';
import type { SafetyOptions } from '../engine/safety/guard-destructive';
import { plural } from '../engine/text/plural';
import type { ApiOptions } from './api-options';
import { openProject } from './project-session';
import type { AutoSnapshotReport } from './snapshot-first';
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

/** Per reverted migration, what its down() drops, checked again just before it runs. */
function recheckDrops(drops: ReadonlyMap<string, DroppedData>): BeforeStep | undefined {
  if (![...drops.values()].some(dropsAnything)) return undefined;
  return async (db, migration, inTransaction) => {
    const stepDrops = drops.get(migration);
    if (!stepDrops || !dropsAnything(stepDrops)) return null;
    const now = await dataAtStake(db, stepDrops, { lock: inTransaction });
    return losesData(now) ? `reverting ${migration} now drops data written since downgrade counted: ${stakeOf(now)}` : null;
  };
}

/** What each step's down() drops, by migration name, each read once with the parser. */
function dropsByStep(blocks: readonly SqlBlock[]): Map<string, DroppedData> {
  return new Map(blocks.map((b) => [b.label.replace(/ \(down\)$/, ''), dataDroppedBy(b.statements)]));
}

function effectOf(count: number, stake: DataAtStake): string {
  const objects = [...stake.tables.map((t) => `table ${t.schema}.${t.table}`), ...stake.columns.map((c) => `column ${c.schema}.${c.table}.${c.column}`)];
  return `will be lost: reverting ${plural(count, 'migration')} drops ${objects.join(', ')}`;
}

/** `table public.notes (3 rows), column public.users.phone (1 value)`: only what holds data. */
function stakeOf(stake: DataAtStake): string {
  return [
    ...stake.tables.filter((t) => t.rows > 0).map((t) => `table ${t.schema}.${t.table} (${plural(t.rows, 'row')})`),
    ...stake.columns.filter((c) => c.values > 0).map((c) => `column ${c.schema}.${c.table}.${c.column} (${plural(c.values, 'value')})`),
  ].join(', ');
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
  // What the down() statements drop is read with PostgreSQL's parser.
  await loadSqlParser();
  /** The guard, the confirmation and (unless --no-snapshot) the snapshot, then `act`. */
  const confirmed = (preview: DowngradeResult, dropped: DataAtStake, act: () => Promise<DowngradeResult>) => {
    const plan: DestructionPlan = {
      action: 'downgrade',
      database: databaseOf(session.conn.url),
      schemas: [],
      tables: dropped.tables,
      columns: dropped.columns,
      effect: effectOf(preview.planned.length, dropped),
      notes: [],
    };
    // Counted already: the plan is the inspection.
    return destructive(options, { action: 'downgrade', conn: session.conn, cwd: session.cwd, inspect: async () => ({ plan }), act: async (_, taken) => ({ result: await act(), taken }) });
  };
  const first = await withDataSource(session.loaded, session.conn, async (ds) => {
    const preview = await runDowngrade(ds, { ...runOptions, dryRun: true, onProgress: undefined });
    const byStep = dropsByStep(preview.sql ?? []);
    const drops = mergeDropped([...byStep.values()]);
    const dropped: DataAtStake = dropsAnything(drops) ? await dataAtStake(ds, drops) : { tables: [], columns: [] };
    if (options.sql) return { preview, dropped, result: null };
    // Nothing at stake when counted, so nobody is asked and nothing is snapshotted: it runs on
    // this connection, each step checking again in its own transaction, with the tables it
    // drops locked, so rows written since are never lost unasked.
    if (!losesData(dropped)) return { preview, dropped, result: await runDowngrade(ds, { ...runOptions, beforeStep: recheckDrops(byStep) }) };
    // Confirmed without a snapshot, nothing needs this connection closed: it reverts on it.
    if (options.snapshot === false) return { preview, dropped, result: (await confirmed(preview, dropped, () => runDowngrade(ds, runOptions))).result };
    return { preview, dropped, result: null };
  }, { entitiesOnDemand: true });
  const { preview, dropped } = first;
  if (options.sql) return { ...preview, dropped, autoSnapshot: null };
  if (first.result) return { ...first.result, dropped, autoSnapshot: null };
  // A snapshot copies the database, which needs every connection to it closed: the downgrade
  // runs on a new one.
  const { result, taken } = await confirmed(preview, dropped, () => withDataSource(session.loaded, session.conn, (ds) => runDowngrade(ds, runOptions), { entitiesOnDemand: true }));
  return { ...result, dropped, autoSnapshot: taken };
}
