import { DbManageError } from '../engine/errors/db-manage-error';
import { catalogModel } from '../engine/model/catalog-model';
import { dependentViews, objectsInSchemas, existingTables } from '../engine/reset/database-objects';
import { dropTablesSql, truncateSql } from '../engine/reset/drop-sql';
import { planReferences, readExternalReferences, referenceStatements, restoreReferenceStatements } from '../engine/reset/external-references';
import { inTransaction } from '../engine/reset/in-transaction';
import { rebuildOperations, runOperations } from '../engine/reset/rebuild-from-catalog';
import { assertResettable } from '../engine/reset/reset-refusals';
import { confirmPlan } from '../engine/safety/confirm-plan';
import type { DestructionPlan } from '../engine/safety/destruction-plan';
import { buildPlan, guardServer, type SafetyOptions } from '../engine/safety/guard-destructive';
import { displayName, type ManagedTable } from '../engine/safety/managed-objects';
import { resolveTable } from '../engine/safety/resolve-name';
import { withDataSource } from '../engine/connection/with-data-source';
import { step } from './connection-session';
import { openProject } from './project-session';
import { projectScope } from './reset-scope';
import { snapshotFirst, type AutoSnapshotReport, type SnapshotFirstOptions } from './snapshot-first';
import { commandLine } from '../engine/text/command-line';

export interface ResetTableOptions extends SnapshotFirstOptions, SafetyOptions {
  /** A table the entities manage: `posts` or `schema.table`. */
  readonly table: string;
  /** Empty it (TRUNCATE … RESTART IDENTITY) instead of dropping and recreating it. */
  readonly truncate?: boolean;
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

/** Empties one table, by drop-and-recreate (as it is now) or truncate; keys pointing at it are honoured. */
export async function resetTable(options: ResetTableOptions): Promise<ResetTableReport> {
  const mode = options.truncate ? 'truncate' : 'recreate';
  const action = 'reset-table';
  const session = await openProject(options);
  guardServer({ action, conn: session.conn, cwd: session.cwd, env: options.env, force: options.force });
  const inspected = await withDataSource(session.loaded, session.conn, async (ds) => {
    const scope = projectScope(ds);
    const table = resolveTable(options.table, scope.managed.tables, scope.defaultSchema);
    const present = existingTables(await objectsInSchemas(ds, [table.schema]), [table]);
    if (present.length === 0) {
      throw new DbManageError('name-not-found', `table ${displayName(table, scope.defaultSchema)} does not exist in the database yet`, {
        hint: `Run ${commandLine('upgrade')} to create it`,
      });
    }
    const refs = planReferences(await readExternalReferences(ds, [table]));
    assertResettable(action, mode === 'recreate' ? await dependentViews(ds, [table]) : [], refs.blocked);
    const plan = await buildPlan(ds, {
      action,
      database: ds.driver.database ?? '',
      tables: [table],
      effect: mode === 'truncate' ? 'will be emptied (TRUNCATE … RESTART IDENTITY)' : 'will be dropped and recreated empty, exactly as it is defined now',
      notes: refs.notes,
    });
    return { table, plan };
  });
  const { table, plan } = inspected;
  await confirmPlan(plan, options);
  const autoSnapshot = await snapshotFirst(options, session.conn, plan.database, action);
  const referenceActions = await withDataSource(session.loaded, session.conn, (ds) =>
    step(options, `${mode === 'truncate' ? 'Truncate' : 'Recreate'} ${displayName(table)}`, () =>
      inTransaction(ds, async (runner) => {
        // Read again inside the transaction: rows may have changed since the plan was shown.
        const refs = await readExternalReferences(runner, [table]);
        assertResettable(action, [], planReferences(refs).blocked);
        const before = mode === 'recreate' ? await catalogModel(runner) : null;
        const statements = referenceStatements(refs);
        for (const sql of statements) await runner.query(sql);
        if (before === null) {
          for (const sql of [...truncateSql([table]), ...restoreReferenceStatements(refs)]) await runner.query(sql);
        } else {
          for (const sql of dropTablesSql([table])) await runner.query(sql);
          await runOperations(runner, rebuildOperations(before, await catalogModel(runner)));
        }
        return statements.filter((s) => !s.startsWith('ALTER TABLE'));
      }),
    ),
  );
  return { database: plan.database, table, mode, plan, autoSnapshot, referenceActions };
}
