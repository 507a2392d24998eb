import { withDataSource } from '../engine/connection/with-data-source';
import type { Queryable } from '../engine/inspect/queryable';
import { catalogModel } from '../engine/model/catalog-model';
import {
  dependentViews,
  enumsUsedOutside,
  existingEnums,
  existingTables,
  objectsInSchemas,
  unmanagedObjects,
  type DatabaseObject,
} from '../engine/reset/database-objects';
import { dropEnumsSql, dropTablesSql, recreateSchemaSql } from '../engine/reset/drop-sql';
import { planReferences, readExternalReferences, referenceStatements } from '../engine/reset/external-references';
import { inTransaction } from '../engine/reset/in-transaction';
import { rebuildOperations, runOperations } from '../engine/reset/rebuild-from-catalog';
import { assertResettable, leftAloneNote } from '../engine/reset/reset-refusals';
import { confirmPlan } from '../engine/safety/confirm-plan';
import type { DestructionPlan } from '../engine/safety/destruction-plan';
import { buildPlan, guardServer, type SafetyOptions } from '../engine/safety/guard-destructive';
import type { ManagedEnum, ManagedTable } from '../engine/safety/managed-objects';
import { resolveSchema } from '../engine/safety/resolve-name';
import { step } from './connection-session';
import { openProject } from './project-session';
import { projectScope } from './reset-scope';
import { snapshotFirst, type AutoSnapshotReport, type SnapshotFirstOptions } from './snapshot-first';

export interface ResetSchemaOptions extends SnapshotFirstOptions, SafetyOptions {
  /** A schema the entities use, e.g. `analytics`. */
  readonly schema: string;
}

export interface ResetSchemaReport {
  readonly database: string;
  readonly schema: string;
  readonly plan: DestructionPlan;
  readonly autoSnapshot: AutoSnapshotReport | null;
  readonly tables: readonly ManagedTable[];
  readonly enums: readonly ManagedEnum[];
  /** Whether the schema itself was dropped and created again (only when nothing else was in it). */
  readonly recreatedSchema: boolean;
  readonly leftAlone: readonly DatabaseObject[];
  readonly referenceActions: readonly string[];
}

/** Replaces an emptied schema; objects our inventory does not list (an operator, a collation) keep it instead. */
async function tryRecreate(runner: Queryable, schema: string): Promise<boolean> {
  await runner.query('SAVEPOINT db_manage_recreate_schema');
  try {
    for (const sql of recreateSchemaSql(schema)) await runner.query(sql);
    await runner.query('RELEASE SAVEPOINT db_manage_recreate_schema');
    return true;
  } catch {
    await runner.query('ROLLBACK TO SAVEPOINT db_manage_recreate_schema');
    return false;
  }
}

/** Drops what the entities manage in one schema and recreates it, empty, exactly as it is defined now. */
export async function resetSchema(options: ResetSchemaOptions): Promise<ResetSchemaReport> {
  const action = 'reset-schema';
  const session = await openProject(options);
  guardServer({ action, conn: session.conn, cwd: session.cwd, env: options.env, force: options.force });
  const inspected = await withDataSource(session.loaded, session.conn, async (ds) => {
    const { managed, history } = projectScope(ds);
    const schema = resolveSchema(options.schema, managed.schemas);
    const objects = await objectsInSchemas(ds, [schema]);
    // The history tables are never part of a schema reset: the revision stays what it was.
    const tables = existingTables(objects, managed.tables.filter((t) => t.schema === schema));
    const candidates = existingEnums(objects, managed.enums.filter((e) => e.schema === schema));
    const sharedEnums = await enumsUsedOutside(ds, candidates, tables);
    const enums = candidates.filter((e) => !sharedEnums.some((s) => s.schema === e.schema && s.name === e.name));
    const leftAlone = unmanagedObjects(objects, [...managed.tables, ...history], enums).filter((o) => !sharedEnums.some((s) => s.name === o.name && o.kind === 'enum type'));
    const refs = planReferences(await readExternalReferences(ds, tables));
    assertResettable(action, await dependentViews(ds, tables), refs.blocked);
    const plan = await buildPlan(ds, {
      action,
      database: ds.driver.database ?? '',
      tables,
      schemas: [schema],
      effect: 'will be dropped and recreated empty, exactly as they are defined now',
      notes: [...refs.notes, ...sharedEnums.map((e) => `${e.schema}.${e.name} is kept: ${e.kind.replace(/^enum type /, '')}`), ...leftAloneNote(leftAlone)],
    });
    return { schema, tables, enums, leftAlone, plan };
  });
  const { schema, tables, enums, leftAlone, plan } = inspected;
  await confirmPlan(plan, options);
  const autoSnapshot = await snapshotFirst(options, session.conn, plan.database, action);
  const outcome = await withDataSource(session.loaded, session.conn, (ds) =>
    step(options, `Recreate schema ${schema}`, () =>
      inTransaction(ds, async (runner) => {
        const refs = await readExternalReferences(runner, tables);
        assertResettable(action, [], planReferences(refs).blocked);
        const before = await catalogModel(runner);
        const statements = referenceStatements(refs);
        for (const sql of [...statements, ...dropTablesSql(tables), ...dropEnumsSql(enums)]) await runner.query(sql);
        // An emptied schema is replaced by a new one; public, or one holding other objects, stays.
        const recreate = schema !== 'public' && (await objectsInSchemas(runner, [schema])).length === 0 && (await tryRecreate(runner, schema));
        await runOperations(runner, rebuildOperations(before, await catalogModel(runner)));
        return { recreate, actions: statements.filter((s) => !s.startsWith('ALTER TABLE')) };
      }),
    ),
  );
  return {
    database: plan.database,
    schema,
    plan,
    autoSnapshot,
    tables,
    enums,
    recreatedSchema: outcome.recreate,
    leftAlone,
    referenceActions: outcome.actions,
  };
}
