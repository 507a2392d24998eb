import type { QueryRunner } from 'typeorm';
import { DbManageError } from '../errors/db-manage-error';
import { catalogFingerprint } from '../inspect/catalog-fingerprint';
import type { Queryable } from '../inspect/queryable';
import { catalogModel } from '../model/catalog-model';
import type { ManagedEnum, ManagedTable } from '../safety/managed-objects';
import type { SchemaModel } from '../model/schema-model';
import { PAIRS, pairKey, pairParams } from './database-objects';
import { dropEnumsSql, dropTablesSql } from './drop-sql';
import { planReferences, readExternalReferences, referenceStatements, restoreReferenceStatements } from './external-references';
import { loadSqlParser } from '../sql/pg-parser';
import { rebuildOperations, runOperations } from './rebuild-from-catalog';
import { assertResettable } from './reset-refusals';
import { extrasImage, readTableExtras, restoreExtrasSql, type TableExtras } from './table-extras';

/**
 * What depends on the tables that a rebuild cannot make again: rules, extended
 * statistics, publication memberships, … Anything but the parts it restores (columns,
 * constraints, indexes, sequences, triggers, policies) and views (refused on their own).
 */
export async function unrestorableDependents(db: Queryable, tables: readonly ManagedTable[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const rows = (await db.query(
    `SELECT DISTINCT pg_describe_object(d.classid, d.objid, d.objsubid) AS what
     FROM pg_depend d
     JOIN pg_class t ON d.refclassid = 'pg_class'::regclass AND d.refobjid = t.oid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE (n.nspname, t.relname) IN (${PAIRS}) AND d.deptype IN ('n', 'a')
       AND d.classid NOT IN ('pg_constraint'::regclass, 'pg_class'::regclass, 'pg_trigger'::regclass, 'pg_policy'::regclass,
                             'pg_attrdef'::regclass, 'pg_type'::regclass)
       AND NOT (d.classid = 'pg_rewrite'::regclass AND (SELECT r.rulename = '_RETURN' OR r.ev_class <> t.oid FROM pg_rewrite r WHERE r.oid = d.objid))
     ORDER BY 1`,
    pairParams(tables.map((t) => ({ schema: t.schema, name: t.table }))),
  )) as { what: string }[];
  return rows.map((r) => r.what);
}

export function assertRestorable(action: string, dependents: readonly string[]): void {
  if (dependents.length > 0) throw refusal(action, `a rebuild cannot bring back ${dependents.join(', ')}`);
}

async function image(runner: QueryRunner, tables: readonly ManagedTable[]): Promise<{ lines: string[]; extras: Map<string, TableExtras> }> {
  const extras = await readTableExtras(runner, tables);
  const lines = [...(await catalogFingerprint(runner)).split('\n'), ...[...extras.values()].flatMap(extrasImage)];
  return { lines, extras };
}

function refusal(action: string, reason: string, cause?: unknown): DbManageError {
  return new DbManageError('data-loss-refused', `${action} refused: ${reason}`, {
    cause,
    hint: `It would not bring the table back with everything it had. reset-table --truncate empties a table in place and keeps all of it. Nothing was changed`,
  });
}

/**
 * Drops `tables` (and `enums`) and builds them again, empty, exactly as they were,
 * inside the caller's transaction: the columns and keys from the catalog model, then
 * what the model does not describe (triggers, row-level security, policies, grants,
 * index details, storage options) from PostgreSQL's own definitions. The result is
 * compared with the catalog before; any difference refuses, and the caller rolls back.
 * Returns the statements run on other tables as their foreign keys say.
 */
export async function rebuildTables(runner: QueryRunner, tables: readonly ManagedTable[], enums: readonly ManagedEnum[], action: string): Promise<string[]> {
  const parser = loadSqlParser();
  const refs = await readExternalReferences(runner, tables);
  assertResettable(action, [], planReferences(refs).blocked);
  assertRestorable(action, await unrestorableDependents(runner, tables));
  const model = await catalogModel(runner);
  const before = await image(runner, tables);
  const statements = referenceStatements(refs);
  for (const sql of [...statements, ...dropTablesSql(tables), ...dropEnumsSql(enums)]) await runner.query(sql);
  // Only the dropped objects take part in the comparison: a table elsewhere whose dotted
  // name spells the same text ("s.a"."b" beside "s"."a.b") must not be mistaken for one.
  const rebuilt = new Set(tables.map((t) => pairKey(t.schema, t.table)));
  const gone = new Set(enums.map((e) => pairKey(e.schema, e.name)));
  const only = (m: SchemaModel): SchemaModel => ({
    ...m,
    tables: m.tables.filter((t) => rebuilt.has(pairKey(t.schema, t.name))),
    enums: m.enums.filter((e) => gone.has(pairKey(e.schema, e.name))),
  });
  const dropped = await catalogModel(runner);
  // Expressions (CHECKs, predicates) compare by their parse trees.
  await parser;
  await runOperations(runner, rebuildOperations(only(model), only(dropped)));
  // The keys of the tables that stay, as PostgreSQL printed them.
  for (const sql of restoreReferenceStatements(refs)) await runner.query(sql);
  const rebuiltExtras = await readTableExtras(runner, tables);
  for (const [key, was] of before.extras) {
    const now = rebuiltExtras.get(key);
    if (!now) throw refusal(action, `${was.schema}.${was.table} did not come back`);
    for (const sql of restoreExtrasSql(was, now)) {
      try {
        await runner.query(sql);
      } catch (err) {
        throw refusal(action, `cannot give ${was.schema}.${was.table} back what it had (${sql}): ${String((err as Error).message).split('\n')[0]}`, err);
      }
    }
  }
  const after = await image(runner, tables);
  const had = new Set(after.lines);
  const lost = before.lines.filter((l) => !had.has(l));
  const was = new Set(before.lines);
  const added = after.lines.filter((l) => !was.has(l));
  if (lost.length > 0 || added.length > 0) {
    const shown = [...lost.map((l) => `lost ${l}`), ...added.map((l) => `changed to ${l}`)];
    throw refusal(action, `the rebuild would differ from what was there: ${shown.slice(0, 3).join('; ')}${shown.length > 3 ? ` (and ${shown.length - 3} more)` : ''}`);
  }
  return statements.filter((s) => !s.startsWith('ALTER TABLE'));
}
