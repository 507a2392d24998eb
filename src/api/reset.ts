import { destructive } from './destructive';
import type { DataSource, QueryRunner } from 'typeorm';
import { withDataSource } from '../engine/connection/with-data-source';
import { DbManageError } from '../engine/errors/db-manage-error';
import { localMigrations } from '../engine/history/local-migrations';
import { resolveLockTimeout } from '../engine/lint/lock-timeout';
import { inRunnerTransaction, withBoundedSession } from '../engine/reset/bounded-session';
import { dependentViews, objectsInSchemas, shown, type DatabaseObject } from '../engine/reset/database-objects';
import { dropObjects } from '../engine/reset/drop-objects';
import { planReferences, readExternalReferences, referenceStatements, restoreReferenceStatements } from '../engine/reset/external-references';
import { replayableInOneTransaction, replayMigrations } from '../engine/reset/replay-migrations';
import { resetInventory, type ResetInventory } from '../engine/reset/reset-inventory';
import { assertResettable, leftAloneNote, migrationMadeNote } from '../engine/reset/reset-refusals';
import type { UpgradeResult } from '../engine/runner/run-upgrade';
import type { DestructionPlan } from '../engine/safety/destruction-plan';
import { buildPlan, type SafetyOptions } from '../engine/safety/guard-destructive';
import { quoteIdent } from '../engine/sql/quote';
import type { ManagedEnum, ManagedTable } from '../engine/safety/managed-objects';
import { step } from './connection-session';
import { openProject } from './project-session';
import { migrationsReference, type MigrationsReference } from './reset-reference';
import { projectScope } from './reset-scope';
import { seedDatabase, type SeedReport } from './seed';
import type { AutoSnapshotReport, SnapshotFirstOptions } from './snapshot-first';
import { commandLine } from '../engine/text/command-line';
import { plural } from '../engine/text/plural';

export interface ResetOptions extends SnapshotFirstOptions, SafetyOptions {
  /** Seed afterwards (`reset --seed`). */
  readonly seed?: boolean;
  /** With `seed`: this many extra users. */
  readonly users?: number;
  /** How long any statement may wait for a lock (default DB_MANAGE_LOCK_TIMEOUT or 5s). */
  readonly lockTimeout?: string;
}

export interface ResetReport {
  readonly database: string;
  readonly plan: DestructionPlan;
  readonly autoSnapshot: AutoSnapshotReport | null;
  readonly dropped: {
    readonly tables: readonly ManagedTable[];
    readonly enums: readonly ManagedEnum[];
    /** Everything else dropped because a migration of the project makes it (views, functions, …). */
    readonly fromMigrations: readonly DatabaseObject[];
  };
  /** Schemas the migrations make that were dropped empty, for the migrations to create again. */
  readonly recreatedSchemas: readonly string[];
  /** Objects that no migration of the project made and the entities do not manage; untouched. */
  readonly leftAlone: readonly DatabaseObject[];
  readonly upgrade: UpgradeResult;
  readonly seed: SeedReport | null;
  /** Foreign keys of unmanaged tables that could not be put back after the rebuild, with why. */
  readonly referenceWarnings: readonly string[];
}


function inventoryOf(ds: DataSource, db: Parameters<typeof resetInventory>[0], reference: MigrationsReference): Promise<ResetInventory> {
  const { managed, history } = projectScope(ds);
  return resetInventory(db, managed, history, reference.objects);
}

/** Runs `sql` in a savepoint when a transaction is open; a failure becomes a warning. */
async function tryStatement(runner: QueryRunner, sql: string, warnings: string[]): Promise<void> {
  const guarded = runner.isTransactionActive;
  if (guarded) await runner.query('SAVEPOINT db_manage_try');
  try {
    await runner.query(sql);
    if (guarded) await runner.query('RELEASE SAVEPOINT db_manage_try');
  } catch (err) {
    if (guarded) await runner.query('ROLLBACK TO SAVEPOINT db_manage_try');
    warnings.push(`${sql}: ${String((err as Error).message).split('\n')[0]}`);
  }
}

function replayFailed(err: unknown, atomic: boolean): unknown {
  if (!(err instanceof DbManageError) || err.code !== 'migration-failed') return err;
  const hint = atomic
    ? 'reset was rolled back as a whole: the database is as it was before. Fix the migration and run reset again'
    : 'The migrations before it are applied (a migration with transaction = false keeps reset from running in one transaction). Fix the migration and run reset again: it starts from a clean slate';
  return new DbManageError('migration-failed', `reset: ${err.message}`, { cause: err, hint, details: err.details });
}

/**
 * Drops everything the entities manage and everything the project's migrations make
 * (known by comparing with a database the migrations built from nothing), then runs
 * every migration, so the database is at head and its history matches. Objects that no
 * migration made stay. All of it runs in one transaction under the migration lock, so a
 * failure leaves the database as it was (unless a migration must run outside one).
 */
export async function resetDatabase(options: ResetOptions = {}): Promise<ResetReport> {
  const action = 'reset';
  const session = await openProject(options);
  const lockTimeout = resolveLockTimeout({ value: options.lockTimeout, env: options.env, cwd: session.cwd });
  const bounded = { action, lockTimeout, onProgress: options.onProgress };
  const inspect = () => withDataSource(session.loaded, session.conn, async (ds) => {
    const migrations = localMigrations(ds).length;
    if (migrations === 0) {
      throw new DbManageError('config-invalid', 'reset rebuilds the database by running the migrations, and this project has none', {
        hint: `Create the first one with ${commandLine('migrate', '"Initial migration"')} (or ${commandLine('setup')}). Nothing was changed`,
      });
    }
    const reference = await step(options, 'Read what the migrations make (from a database built by them)', () => migrationsReference(session));
    return withBoundedSession(ds, bounded, async (runner) => {
      const inv = await inventoryOf(ds, runner, reference);
      const refs = planReferences(await readExternalReferences(runner, inv.tables));
      assertResettable(action, await dependentViews(runner, inv.tables, inv.drop), refs.blocked);
      const plan = await buildPlan(runner, {
        action,
        database: ds.driver.database ?? '',
        tables: inv.tables,
        schemas: projectScope(ds).managed.schemas,
        effect: `will be dropped and rebuilt by running ${plural(migrations, 'migration')}`,
        notes: [
          ...refs.notes,
          ...migrationMadeNote(inv.fromMigrations.filter((o) => o.kind !== 'table').map(shown)),
          ...inv.sharedEnums.map((e) => `${e.schema}.${e.name} is kept: ${e.kind.replace(/^enum type /, '')}`),
          ...leftAloneNote(inv.leftAlone.map(shown)),
        ],
      });
      return { reference, inv, plan };
    });
  });
  const act = async ({ reference, plan }: Awaited<ReturnType<typeof inspect>>, autoSnapshot: AutoSnapshotReport | null): Promise<ResetReport> => {
    const done = await withDataSource(session.loaded, session.conn, (ds) =>
      withBoundedSession(ds, { ...bounded, migrationLock: true }, async (runner) => {
        const atomic = replayableInOneTransaction(ds);
        const warnings: string[] = [];
        await runner.startTransaction();
        // Read again under the lock: the database may have changed since the plan was shown.
        const inv = await inventoryOf(ds, runner, reference);
        const refs = await readExternalReferences(runner, inv.tables);
        assertResettable(action, await dependentViews(runner, inv.tables, inv.drop), planReferences(refs).blocked);
        const label = `Drop ${plural(inv.tables.length, 'table')}, ${plural(inv.enums.length, 'enum type')} and ${plural(inv.drop.length - inv.tables.length - inv.enums.length, 'other object')}`;
        const recreated = await step(options, label, async () => {
          for (const sql of referenceStatements(refs)) await runner.query(sql);
          await dropObjects(runner, inv.drop, action);
          return dropEmptySchemas(runner, reference.schemas);
        });
        if (!atomic) await runner.commitTransaction();
        let upgraded: UpgradeResult;
        try {
          upgraded = await replayMigrations(ds, runner, options.onProgress);
        } catch (err) {
          throw replayFailed(err, atomic);
        }
        await inRunnerTransactionIf(!atomic, runner, async () => {
          // A schema dropped empty that no migration made again (one a fresh database already has) comes back.
          for (const schema of recreated) {
            if (!(await schemaExists(runner, schema))) await runner.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
          }
          for (const sql of restoreReferenceStatements(refs)) await tryStatement(runner, sql, warnings);
        });
        if (atomic) await runner.commitTransaction();
        return { inv, upgraded, recreated, warnings };
      }),
    );
    if (done.recreated.length > 0) options.onProgress?.({ kind: 'notice', message: `Recreated ${plural(done.recreated.length, 'schema')}: ${done.recreated.join(', ')}` });
    if (done.inv.leftAlone.length > 0) options.onProgress?.({ kind: 'notice', message: leftAloneNote(done.inv.leftAlone.map(shown))[0] });
    const seed = options.seed
      ? await seedDatabase({ cwd: options.cwd, datasource: options.datasource, env: options.env, onProgress: options.onProgress, users: options.users })
      : null;
    return {
      database: plan.database,
      plan,
      autoSnapshot,
      dropped: { tables: done.inv.tables, enums: done.inv.enums, fromMigrations: done.inv.fromMigrations.map(shown) },
      recreatedSchemas: done.recreated,
      leftAlone: done.inv.leftAlone.map(shown),
      upgrade: done.upgraded,
      seed,
      referenceWarnings: done.warnings,
    };
  };
  return destructive(options, { action, conn: session.conn, cwd: session.cwd, inspect, act });
}

async function inRunnerTransactionIf(wrap: boolean, runner: QueryRunner, fn: () => Promise<void>): Promise<void> {
  if (wrap) await inRunnerTransaction(runner, fn);
  else await fn();
}

async function schemaExists(runner: QueryRunner, schema: string): Promise<boolean> {
  return ((await runner.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])) as unknown[]).length > 0;
}

/**
 * Drops the schemas the migrations make (public aside) once they are empty, so a
 * migration's plain CREATE SCHEMA runs again; one still holding something stays.
 */
async function dropEmptySchemas(runner: QueryRunner, made: readonly string[]): Promise<string[]> {
  const dropped: string[] = [];
  for (const schema of made) {
    if (schema === 'public' || !(await schemaExists(runner, schema))) continue;
    if ((await objectsInSchemas(runner, [schema])).length > 0) continue;
    const ignored: string[] = [];
    await tryStatement(runner, `DROP SCHEMA ${quoteIdent(schema)}`, ignored);
    if (ignored.length === 0) dropped.push(schema);
  }
  return dropped;
}
