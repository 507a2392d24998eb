import { destructive } from './destructive';
import { withDataSource } from '../engine/connection/with-data-source';
import { DbManageError } from '../engine/errors/db-manage-error';
import { resolveLockTimeout } from '../engine/lint/lock-timeout';
import { inRunnerTransaction, withBoundedSession } from '../engine/reset/bounded-session';
import { dependentViews, existingTables, objectsInSchemas } from '../engine/reset/database-objects';
import { truncateSql } from '../engine/reset/drop-sql';
import { planReferences, readExternalReferences, referenceStatements, restoreReferenceStatements } from '../engine/reset/external-references';
import { assertRestorable, rebuildTables, unrestorableDependents } from '../engine/reset/rebuild-tables';
import { assertResettable } from '../engine/reset/reset-refusals';
import type { DestructionPlan } from '../engine/safety/destruction-plan';
import { buildPlan, type SafetyOptions } from '../engine/safety/guard-destructive';
import { displayName, type ManagedTable } from '../engine/safety/managed-objects';
import { resolveTable } from '../engine/safety/resolve-name';
import { step } from './connection-session';
import { openProject } from './project-session';
import { projectScope } from './reset-scope';
import type { AutoSnapshotReport, SnapshotFirstOptions } from './snapshot-first';
import { commandLine } from '../engine/text/command-line';

export interface ResetTableOptions extends SnapshotFirstOptions, SafetyOptions {
  /** A table the entities manage: `posts`, `schema.table` or `"schema"."table"`. */
  readonly table: string;
  /** Empty it (TRUNCATE … RESTART IDENTITY) instead of dropping and recreating it. */
  readonly truncate?: boolean;
  /** How long any statement may wait for a lock (default DB_MANAGE_LOCK_TIMEOUT or 5s). */
  readonly lockTimeout?: string;
}

export interface ResetTableReport {
  readonly database: string;
  readonly table: ManagedTable;
  readonly mode: 'recreate' | 'truncate';
  readonly plan: DestructionPlan;
  readonly autoSnapshot: AutoSnapshotReport | null;
  /** Statements run on other tables because their foreign keys say so (ON DELETE CASCADE/SET NULL/SET DEFAULT). */
  readonly referenceActions: readonly string[];
}

/**
 * Empties one table, by drop-and-recreate (exactly as it is now, triggers, policies and
 * grants included, or not at all) or truncate; keys pointing at it are honoured. Every
 * lock wait is bounded by the lock timeout.
 */
export async function resetTable(options: ResetTableOptions): Promise<ResetTableReport> {
  const mode = options.truncate ? 'truncate' : 'recreate';
  const action = 'reset-table';
  const session = await openProject(options);
  const lockTimeout = resolveLockTimeout({ value: options.lockTimeout, env: options.env, cwd: session.cwd });
  const bounded = { action, lockTimeout, onProgress: options.onProgress };
  const inspect = () => withDataSource(session.loaded, session.conn, (ds) =>
    withBoundedSession(ds, bounded, async (runner) => {
      const scope = projectScope(ds);
      const table = resolveTable(options.table, scope.managed.tables, scope.defaultSchema);
      const present = existingTables(await objectsInSchemas(runner, [table.schema]), [table]);
      if (present.length === 0) {
        throw new DbManageError('name-not-found', `table ${displayName(table, scope.defaultSchema)} does not exist in the database yet`, {
          hint: `Run ${commandLine('upgrade')} to create it`,
        });
      }
      const refs = planReferences(await readExternalReferences(runner, [table]));
      assertResettable(action, mode === 'recreate' ? await dependentViews(runner, [table]) : [], refs.blocked);
      if (mode === 'recreate') assertRestorable(action, await unrestorableDependents(runner, [table]));
      const plan = await buildPlan(runner, {
        action,
        database: ds.driver.database ?? '',
        tables: [table],
        effect: mode === 'truncate' ? 'will be emptied (TRUNCATE … RESTART IDENTITY)' : 'will be dropped and recreated empty, exactly as it is defined now',
        notes: refs.notes,
      });
      return { table, plan };
    }),
  );
  const act = async ({ table, plan }: Awaited<ReturnType<typeof inspect>>, autoSnapshot: AutoSnapshotReport | null): Promise<ResetTableReport> => {
    const referenceActions = await withDataSource(session.loaded, session.conn, (ds) =>
      step(options, `${mode === 'truncate' ? 'Truncate' : 'Recreate'} ${displayName(table)}`, () =>
        withBoundedSession(ds, { ...bounded, migrationLock: mode === 'recreate' }, (runner) =>
          inRunnerTransaction(runner, async () => {
            if (mode === 'recreate') return rebuildTables(runner, [table], [], action);
            // Read again inside the transaction: rows may have changed since the plan was shown.
            const refs = await readExternalReferences(runner, [table]);
            assertResettable(action, [], planReferences(refs).blocked);
            const statements = referenceStatements(refs);
            for (const sql of [...statements, ...truncateSql([table]), ...restoreReferenceStatements(refs)]) await runner.query(sql);
            return statements.filter((s) => !s.startsWith('ALTER TABLE'));
          }),
        ),
      ),
    );
    return { database: plan.database, table, mode, plan, autoSnapshot, referenceActions };
  };
  return destructive(options, { action, conn: session.conn, cwd: session.cwd, inspect, act });
}
