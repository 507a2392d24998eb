import type { DataSource, QueryRunner } from 'typeorm';
import { buildHistory } from '../revisions/build-history';
import { assertDistinctRevisions } from '../revisions/distinct-revisions';
import { planUpgrade } from '../revisions/plan-upgrade';
import { ensureHistoryTables, historyStore } from '../runner/history-store';
import { loadLocalMigrations } from '../runner/migration-sources';
import type { UpgradeResult } from '../runner/run-upgrade';
import { runSteps } from '../runner/run-steps';
import type { RunnerProgress } from '../runner/run-types';
import { installReliedExtensions } from '../runner/typeorm-extensions';

/** Whether every migration may run inside one transaction (none says `transaction = false`). */
export function replayableInOneTransaction(ds: DataSource): boolean {
  return loadLocalMigrations(ds).every((m) => m.instance.transaction !== false);
}

/**
 * Runs every migration, in order, on `runner`, on a database whose history the reset
 * has just dropped. Inside the caller's transaction when there is one (each migration
 * then runs in a savepoint), so a failing migration takes the whole reset back with it.
 */
export async function replayMigrations(ds: DataSource, runner: QueryRunner, onProgress?: RunnerProgress): Promise<UpgradeResult> {
  const local = loadLocalMigrations(ds);
  assertDistinctRevisions(local);
  const store = historyStore(ds);
  await ensureHistoryTables(ds, runner, store);
  const view = buildHistory(local, []);
  const plan = planUpgrade(view, { kind: 'head' });
  const mode = runner.isTransactionActive ? 'all' : 'each';
  // Inside reset's transaction when it has one: rolled back with it.
  await installReliedExtensions(ds, runner, local);
  const outcome = await runSteps({ ds, runner, store, local, view, recorder: null }, plan.steps, { direction: 'up', mode, onProgress });
  return { dryRun: false, from: null, to: outcome.head, planned: plan.steps, applied: outcome.steps, outOfOrder: [], adopted: [] };
}
