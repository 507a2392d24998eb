import { performance } from 'node:perf_hooks';
import { DbManageError, isDbManageError } from '../errors/db-manage-error';
import type { Queryable } from '../inspect/queryable';
import { compareRefs, type MigrationRef } from '../history/migration-ref';
import { refOf } from '../revisions/build-history';
import { ensureTypeormMetadataTable, recordApplied, recordReverted } from './history-store';
import { migrationFailure } from './migration-failure';
import type { LocalMigration } from './migration-sources';
import type { RunnerSession } from './runner-session';
import { statementPipeline, type StatementPipeline } from './statement-pipeline';
import type { RunnerProgress, SqlBlock, StepReport, TransactionMode } from './run-types';

export interface RunStepsOptions {
  readonly direction: 'up' | 'down';
  readonly mode: TransactionMode;
  readonly onProgress?: RunnerProgress;
  readonly beforeStep?: BeforeStep;
}

/**
 * Runs in the step's own transaction, before its body: a reason the step must not run (say,
 * rows appeared in a table it drops since the caller counted them), or null to go on.
 */
export type BeforeStep = (db: Queryable, migration: string, inTransaction: boolean) => Promise<string | null>;

export interface StepsOutcome {
  readonly steps: readonly StepReport[];
  readonly sql: readonly SqlBlock[];
  /** The applied head after the run. */
  readonly head: MigrationRef | null;
}

function headOf(applied: readonly MigrationRef[]): MigrationRef | null {
  return applied.length === 0 ? null : refOf([...applied].sort(compareRefs)[applied.length - 1]);
}

function migrationsFor(session: RunnerSession, steps: readonly MigrationRef[], mode: TransactionMode): LocalMigration[] {
  const byName = new Map(session.local.map((m) => [m.name, m]));
  const migrations = steps.map((s) => {
    const m = byName.get(s.name);
    if (!m) throw new DbManageError('internal', `planned migration ${s.name} is not in the project`);
    return m;
  });
  const outside = migrations.filter((m) => m.instance.transaction === false).map((m) => m.name);
  if (mode === 'all' && outside.length > 0) {
    throw new DbManageError('usage', `${outside.join(', ')} must run outside a transaction (transaction = false), so --transaction all cannot be used`, {
      hint: 'Use --transaction each (the default) or none',
      details: { migrations: outside },
    });
  }
  return migrations;
}

/**
 * Runs the planned migrations on the session, recording each one's history row and
 * checksum in the same transaction as the migration itself. A migration's own
 * `transaction` flag wins over the mode, as in TypeORM (except under `all`).
 */
export async function runSteps(session: RunnerSession, steps: readonly MigrationRef[], options: RunStepsOptions): Promise<StepsOutcome> {
  const { ds, runner, store, recorder } = session;
  const migrations = migrationsFor(session, steps, options.mode);
  const progress = recorder ? undefined : options.onProgress;
  const applied = session.view.entries.filter((e) => e.state === 'applied').map(refOf);
  const before = headOf(applied);
  const reports: StepReport[] = [];
  const sql: SqlBlock[] = [];
  const outer = options.mode === 'all' && migrations.length > 0;
  const up = options.direction === 'up';

  if (migrations.length > 0) await ensureTypeormMetadataTable(ds, runner, migrations.map((m) => m.instance));
  if (outer) await runner.startTransaction();
  try {
    for (const m of migrations) {
      const inTransaction = outer || (m.instance.transaction ?? options.mode === 'each');
      const label = `${up ? 'apply' : 'revert'} ${m.name}`;
      progress?.({ kind: 'step', phase: 'start', label });
      const started = performance.now();
      let pipeline: StatementPipeline | null = null;
      try {
        if (inTransaction && !outer) await runner.startTransaction();
        const refusal = options.beforeStep && !recorder ? await options.beforeStep(runner, m.name, inTransaction) : null;
        if (refusal !== null) {
          const at = outer ? before : headOf(applied);
          throw new DbManageError('confirmation-required', refusal, {
            hint: `Nothing of ${m.name} was reverted; the database stays at ${at ? at.name : 'base'}. Run the command again to see what it loses and confirm`,
            details: { migration: m.name },
          });
        }
        await runner.beforeMigration();
        const body = () => (up ? m.instance.up(runner) : m.instance.down(runner));
        // Outside a transaction a failed statement must stop the next one from running.
        pipeline = !recorder && inTransaction ? statementPipeline(ds, runner) : null;
        await (recorder ? recorder.during(body) : pipeline ? pipeline.during(body) : body());
        await runner.afterMigration();
        // Outside a transaction the migration is not atomic, but its two history writes are.
        if (!inTransaction) await runner.startTransaction();
        if (up) await recordApplied(runner, store, m, m.checksum);
        else await recordReverted(runner, store, m);
        if (!outer) await runner.commitTransaction();
      } catch (err) {
        if (!outer && runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        progress?.({ kind: 'step', phase: 'fail', label, ms: Math.round(performance.now() - started) });
        if (isDbManageError(err) && err.code === 'confirmation-required') throw err;
        // A pipelined statement's failure comes first, whatever the body threw after it.
        throw migrationFailure(pipeline?.failure ?? err, {
          migration: m.name,
          direction: options.direction,
          mode: options.mode,
          inTransaction,
          head: outer ? before : headOf(applied),
        });
      }
      const ms = Math.round(performance.now() - started);
      progress?.({ kind: 'step', phase: 'done', label, ms });
      reports.push({ name: m.name, timestamp: m.timestamp, ms, transaction: inTransaction });
      if (up) applied.push(refOf(m));
      else applied.splice(applied.findIndex((a) => a.name === m.name), 1);
      if (recorder) sql.push({ label: `${m.name} (${options.direction})`, statements: recorder.take() });
    }
    if (outer) await runner.commitTransaction();
  } catch (err) {
    if (outer && runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw err;
  }
  if (recorder && outer) {
    // The COMMIT belongs after the last migration's block.
    const tail = recorder.take();
    if (sql.length > 0 && tail.length > 0) sql[sql.length - 1] = { ...sql[sql.length - 1], statements: [...sql[sql.length - 1].statements, ...tail] };
  }
  return { steps: recorder ? [] : reports, sql, head: headOf(applied) };
}
