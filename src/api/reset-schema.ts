import { destructive } from './destructive';
import { withDataSource } from '../engine/connection/with-data-source';
import { resolveLockTimeout } from '../engine/lint/lock-timeout';
import { inRunnerTransaction, withBoundedSession } from '../engine/reset/bounded-session';
import type { Queryable } from '../engine/inspect/queryable';
import type { DataSource } from 'typeorm';
import {
  dependentViews,
  enumsUsedOutside,
  existingEnums,
  existingTables,
  objectsInSchemas,
  pairKey,
  shown,
  unmanagedObjects,
  type DatabaseObject,
} from '../engine/reset/database-objects';
import { planReferences, readExternalReferences } from '../engine/reset/external-references';
import { assertRestorable, rebuildTables, unrestorableDependents } from '../engine/reset/rebuild-tables';
import { assertResettable, leftAloneNote } from '../engine/reset/reset-refusals';
import type { DestructionPlan } from '../engine/safety/destruction-plan';
import { buildPlan, type SafetyOptions } from '../engine/safety/guard-destructive';
import type { ManagedEnum, ManagedTable } from '../engine/safety/managed-objects';
import { resolveSchema } from '../engine/safety/resolve-name';
import { step } from './connection-session';
import { openProject } from './project-session';
import { projectScope } from './reset-scope';
import type { AutoSnapshotReport, SnapshotFirstOptions } from './snapshot-first';

export interface ResetSchemaOptions extends SnapshotFirstOptions, SafetyOptions {
  /** A schema the entities use, e.g. `analytics`. */
  readonly schema: string;
  /** How long any statement may wait for a lock (default DB_MANAGE_LOCK_TIMEOUT or 5s). */
  readonly lockTimeout?: string;
}

export interface ResetSchemaReport {
  readonly database: string;
  readonly schema: string;
  readonly plan: DestructionPlan;
  readonly autoSnapshot: AutoSnapshotReport | null;
  readonly tables: readonly ManagedTable[];
  readonly enums: readonly ManagedEnum[];
  readonly leftAlone: readonly DatabaseObject[];
  readonly referenceActions: readonly string[];
}

interface SchemaScope {
  readonly schema: string;
  readonly tables: ManagedTable[];
  readonly enums: ManagedEnum[];
  readonly sharedEnums: DatabaseObject[];
  readonly leftAlone: DatabaseObject[];
}

async function schemaScope(ds: DataSource, db: Queryable, input: string): Promise<SchemaScope> {
  const { managed, history } = projectScope(ds);
  const schema = resolveSchema(input, managed.schemas);
  const objects = await objectsInSchemas(db, [schema]);
  // The history tables are never part of a schema reset: the revision stays what it was.
  const tables = existingTables(objects, managed.tables.filter((t) => t.schema === schema));
  const candidates = existingEnums(objects, managed.enums.filter((e) => e.schema === schema));
  const sharedEnums = await enumsUsedOutside(db, candidates, tables);
  const shared = new Set(sharedEnums.map((e) => pairKey(e.schema, e.name)));
  const enums = candidates.filter((e) => !shared.has(pairKey(e.schema, e.name)));
  const leftAlone = unmanagedObjects(objects, [...managed.tables, ...history], enums).filter((o) => !(o.kind === 'enum type' && shared.has(pairKey(o.schema, o.name))));
  return { schema, tables, enums, sharedEnums, leftAlone: leftAlone.map(shown) };
}

/**
 * Drops what the entities manage in one schema and builds it again, empty, exactly as it
 * is now (triggers, policies, grants included, or not at all). The schema itself, and
 * whatever else is in it, stays as it is.
 */
export async function resetSchema(options: ResetSchemaOptions): Promise<ResetSchemaReport> {
  const action = 'reset-schema';
  const session = await openProject(options);
  const lockTimeout = resolveLockTimeout({ value: options.lockTimeout, env: options.env, cwd: session.cwd });
  const bounded = { action, lockTimeout, onProgress: options.onProgress };
  const inspect = () => withDataSource(session.loaded, session.conn, (ds) =>
    withBoundedSession(ds, bounded, async (runner) => {
      const scope = await schemaScope(ds, runner, options.schema);
      const refs = planReferences(await readExternalReferences(runner, scope.tables));
      assertResettable(action, await dependentViews(runner, scope.tables), refs.blocked);
      assertRestorable(action, await unrestorableDependents(runner, scope.tables));
      const plan = await buildPlan(runner, {
        action,
        database: ds.driver.database ?? '',
        tables: scope.tables,
        schemas: [scope.schema],
        effect: 'will be dropped and recreated empty, exactly as they are defined now',
        notes: [...refs.notes, ...scope.sharedEnums.map((e) => `${e.schema}.${e.name} is kept: ${e.kind.replace(/^enum type /, '')}`), ...leftAloneNote(scope.leftAlone)],
      });
      return { scope, plan };
    }),
  );
  const act = async ({ scope, plan }: Awaited<ReturnType<typeof inspect>>, autoSnapshot: AutoSnapshotReport | null): Promise<ResetSchemaReport> => {
    const referenceActions = await withDataSource(session.loaded, session.conn, (ds) =>
      step(options, `Recreate the tables of schema ${scope.schema}`, () =>
        withBoundedSession(ds, { ...bounded, migrationLock: true }, (runner) =>
          inRunnerTransaction(runner, async () => {
            // Read again under the lock: the database may have changed since the plan was shown.
            const now = await schemaScope(ds, runner, scope.schema);
            return rebuildTables(runner, now.tables, now.enums, action);
          }),
        ),
      ),
    );
    return {
      database: plan.database,
      schema: scope.schema,
      plan,
      autoSnapshot,
      tables: scope.tables,
      enums: scope.enums,
      leftAlone: scope.leftAlone,
      referenceActions,
    };
  };
  return destructive(options, { action, conn: session.conn, cwd: session.cwd, inspect, act });
}
