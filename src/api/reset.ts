import { withDataSource } from '../engine/connection/with-data-source';
import { DbManageError } from '../engine/errors/db-manage-error';
import { localMigrations } from '../engine/history/local-migrations';
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
import { planReferences, readExternalReferences, referenceStatements, restoreReferenceStatements } from '../engine/reset/external-references';
import { inTransaction } from '../engine/reset/in-transaction';
import { assertResettable, leftAloneNote } from '../engine/reset/reset-refusals';
import { confirmPlan } from '../engine/safety/confirm-plan';
import type { DestructionPlan } from '../engine/safety/destruction-plan';
import { buildPlan, guardServer, type SafetyOptions } from '../engine/safety/guard-destructive';
import { quoteIdent } from '../engine/sql/quote';
import type { ManagedEnum, ManagedTable } from '../engine/safety/managed-objects';
import { step } from './connection-session';
import { openProject } from './project-session';
import { projectScope } from './reset-scope';
import { seedDatabase, type SeedReport } from './seed';
import { snapshotFirst, type AutoSnapshotReport, type SnapshotFirstOptions } from './snapshot-first';
import { upgrade, type UpgradeReport } from './upgrade';
import { commandLine } from '../engine/text/command-line';
import { noun, plural } from '../engine/text/plural';

export interface ResetOptions extends SnapshotFirstOptions, SafetyOptions {
  /** Seed afterwards (`reset --seed`). */
  readonly seed?: boolean;
  /** With `seed`: this many extra users. */
  readonly users?: number;
}

export interface ResetReport {
  readonly database: string;
  readonly plan: DestructionPlan;
  readonly autoSnapshot: AutoSnapshotReport | null;
  readonly dropped: { readonly tables: readonly ManagedTable[]; readonly enums: readonly ManagedEnum[] };
  readonly recreatedSchemas: readonly string[];
  /** Objects in those schemas that the entities do not manage; untouched. */
  readonly leftAlone: readonly DatabaseObject[];
  readonly upgrade: UpgradeReport;
  readonly seed: SeedReport | null;
  /** Foreign keys of unmanaged tables that could not be put back after the rebuild, with why. */
  readonly referenceWarnings: readonly string[];
}

/**
 * Drops everything the entities manage (their tables and enum types, and the history),
 * recreates their schemas and rebuilds by running every migration, so the history
 * matches the database. Objects the entities do not manage stay.
 */
export async function resetDatabase(options: ResetOptions = {}): Promise<ResetReport> {
  const action = 'reset';
  const session = await openProject(options);
  guardServer({ action, conn: session.conn, cwd: session.cwd, env: options.env, force: options.force });
  const inspected = await withDataSource(session.loaded, session.conn, async (ds) => {
    const { managed, history } = projectScope(ds);
    const migrations = localMigrations(ds).length;
    if (migrations === 0) {
      throw new DbManageError('config-invalid', 'reset rebuilds the database by running the migrations, and this project has none', {
        hint: `Create the first one with ${commandLine('migrate', '"Initial migration"')} (or ${commandLine('setup')}). Nothing was changed`,
      });
    }
    const schemas = [...new Set([...managed.schemas, ...history.map((h) => h.schema)])].sort();
    const objects = await objectsInSchemas(ds, schemas);
    const tables = existingTables(objects, [...managed.tables, ...history]);
    const candidates = existingEnums(objects, managed.enums);
    const sharedEnums = await enumsUsedOutside(ds, candidates, tables);
    const enums = candidates.filter((e) => !sharedEnums.some((s) => s.schema === e.schema && s.name === e.name));
    const leftAlone = unmanagedObjects(objects, [...managed.tables, ...history], enums);
    const refs = planReferences(await readExternalReferences(ds, tables));
    assertResettable(action, await dependentViews(ds, tables), refs.blocked);
    const plan = await buildPlan(ds, {
      action,
      database: ds.driver.database ?? '',
      tables,
      schemas: managed.schemas,
      effect: `will be dropped and rebuilt by running ${plural(migrations, 'migration')}`,
      notes: [...refs.notes, ...leftAloneNote(leftAlone)],
    });
    return { schemas: managed.schemas, tables, enums, leftAlone, plan };
  });
  const { schemas, tables, enums, leftAlone, plan } = inspected;
  await confirmPlan(plan, options);
  const autoSnapshot = await snapshotFirst(options, session.conn, plan.database, action);
  const tableNames = tables.map((t) => `${t.schema}.${t.table}`).join(', ') || 'nothing';
  const dropped = await withDataSource(session.loaded, session.conn, (ds) =>
    step(options, `Drop ${plural(tables.length, 'table')} and ${plural(enums.length, 'enum type')}: ${tableNames}`, () =>
      inTransaction(ds, async (runner) => {
        const refs = await readExternalReferences(runner, tables);
        assertResettable(action, [], planReferences(refs).blocked);
        for (const sql of [...referenceStatements(refs), ...dropTablesSql(tables), ...dropEnumsSql(enums)]) await runner.query(sql);
        const recreated: string[] = [];
        for (const schema of schemas) {
          if (schema === 'public') continue;
          const remaining = await objectsInSchemas(runner, [schema]);
          const exists = ((await runner.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])) as unknown[]).length > 0;
          if (!exists) await runner.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
          else if (remaining.length === 0) for (const sql of recreateSchemaSql(schema)) await runner.query(sql);
          if (!exists || remaining.length === 0) recreated.push(schema);
        }
        return { refs, recreated };
      }),
    ),
  );
  if (dropped.recreated.length > 0) options.onProgress?.({ kind: 'notice', message: `Recreated ${noun(dropped.recreated.length, 'schema')} ${dropped.recreated.join(', ')}` });
  if (leftAlone.length > 0) options.onProgress?.({ kind: 'notice', message: leftAloneNote(leftAlone)[0] });
  const upgraded = await upgrade({ cwd: options.cwd, datasource: options.datasource, env: options.env, onProgress: options.onProgress });
  const referenceWarnings = await withDataSource(session.loaded, session.conn, async (ds) => {
    const warnings: string[] = [];
    for (const sql of restoreReferenceStatements(dropped.refs)) {
      await ds.query(sql).catch((err: Error) => warnings.push(`${sql}: ${err.message}`));
    }
    return warnings;
  });
  const seed = options.seed
    ? await seedDatabase({ cwd: options.cwd, datasource: options.datasource, env: options.env, onProgress: options.onProgress, users: options.users })
    : null;
  return {
    database: plan.database,
    plan,
    autoSnapshot,
    dropped: { tables, enums },
    recreatedSchemas: dropped.recreated,
    leftAlone,
    upgrade: upgraded,
    seed,
    referenceWarnings,
  };
}
