import type { Queryable } from '../inspect/queryable';
import { qualify, quoteIdent } from '../sql/quote';
import { plural } from '../text/plural';
import type { ManagedTable } from '../safety/managed-objects';
import { PAIRS, pairKey, pairParams } from './database-objects';

/** PostgreSQL's confdeltype letters. */
export type DeleteAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

const ACTIONS: Readonly<Record<string, DeleteAction>> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/**
 * A foreign key from a table that stays to a table being reset. Its rows must be dealt
 * with before the referenced rows vanish, exactly as the key's ON DELETE says.
 */
export interface ExternalReference {
  readonly constraint: string;
  readonly schema: string;
  readonly table: string;
  readonly columns: readonly string[];
  readonly refSchema: string;
  readonly refTable: string;
  readonly onDelete: DeleteAction;
  /** pg_get_constraintdef, to add the key back after a rebuild by migrations. */
  readonly definition: string;
  /** Rows of the referencing table whose key columns are all set, i.e. that point at a row. */
  readonly rows: number;
}

/** The foreign keys from tables outside `targets` into `targets`, with how many rows use each. */
export async function readExternalReferences(db: Queryable, targets: readonly ManagedTable[]): Promise<ExternalReference[]> {
  if (targets.length === 0) return [];
  const rows = (await db.query(
    `SELECT con.conname AS constraint, sn.nspname AS schema, s.relname AS table, tn.nspname AS ref_schema, t.relname AS ref_table,
            con.confdeltype AS action, pg_get_constraintdef(con.oid) AS definition,
            ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS columns
     FROM pg_constraint con
     JOIN pg_class s ON s.oid = con.conrelid JOIN pg_namespace sn ON sn.oid = s.relnamespace
     JOIN pg_class t ON t.oid = con.confrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
     WHERE con.contype = 'f' AND (tn.nspname, t.relname) IN (${PAIRS})
     ORDER BY 2, 3, 1`,
    pairParams(targets.map((t) => ({ schema: t.schema, name: t.table }))),
  )) as { constraint: string; schema: string; table: string; ref_schema: string; ref_table: string; action: string; definition: string; columns: string[] }[];
  const inside = new Set(targets.map((t) => pairKey(t.schema, t.table)));
  const external = rows.filter((r) => !inside.has(pairKey(r.schema, r.table)));
  const out: ExternalReference[] = [];
  for (const r of external) {
    const where = r.columns.map((c) => `${quoteIdent(c)} IS NOT NULL`).join(' AND ');
    const counted = (await db.query(`SELECT count(*)::bigint AS n FROM ${qualify(r.schema, r.table)} WHERE ${where}`)) as { n: string }[];
    out.push({
      constraint: r.constraint,
      schema: r.schema,
      table: r.table,
      columns: r.columns,
      refSchema: r.ref_schema,
      refTable: r.ref_table,
      onDelete: ACTIONS[r.action] ?? 'NO ACTION',
      definition: r.definition,
      rows: Number(counted[0].n),
    });
  }
  return out;
}

export interface ReferencePlan {
  /** Keys whose rows would be left dangling: the command must refuse. */
  readonly blocked: readonly ExternalReference[];
  /** What will happen to rows outside the reset, for the confirmation plan. */
  readonly notes: readonly string[];
}

const describeRef = (r: ExternalReference) =>
  `${r.schema}.${r.table}(${r.columns.join(', ')}) → ${r.refSchema}.${r.refTable} ON DELETE ${r.onDelete}`;

/** Decides, per key, what its ON DELETE means for a reset that removes every referenced row. */
export function planReferences(refs: readonly ExternalReference[]): ReferencePlan {
  const blocked: ExternalReference[] = [];
  const notes: string[] = [];
  for (const r of refs) {
    if (r.rows === 0) continue;
    if (r.onDelete === 'NO ACTION' || r.onDelete === 'RESTRICT') blocked.push(r);
    else if (r.onDelete === 'CASCADE') notes.push(`${plural(r.rows, 'row')} of ${r.schema}.${r.table} will be deleted (${describeRef(r)})`);
    else notes.push(`${plural(r.rows, 'row')} of ${r.schema}.${r.table} will get ${r.columns.join(', ')} ${r.onDelete === 'SET NULL' ? 'set to NULL' : 'reset to the default'} (${describeRef(r)})`);
  }
  return { blocked, notes };
}

/** One line per blocking key, for the refusal. */
export function blockedExplanation(blocked: readonly ExternalReference[]): string {
  return blocked.map((r) => `${plural(r.rows, 'row')} of ${describeRef(r)}`).join('; ');
}

/**
 * Applies each key's ON DELETE to the rows that use it, then drops the key, so the
 * referenced tables can go without CASCADE touching anything else.
 */
export function referenceStatements(refs: readonly ExternalReference[]): string[] {
  const out: string[] = [];
  for (const r of refs) {
    const table = qualify(r.schema, r.table);
    const where = r.columns.map((c) => `${quoteIdent(c)} IS NOT NULL`).join(' AND ');
    if (r.rows > 0 && r.onDelete === 'CASCADE') out.push(`DELETE FROM ${table} WHERE ${where}`);
    if (r.rows > 0 && (r.onDelete === 'SET NULL' || r.onDelete === 'SET DEFAULT')) {
      const value = r.onDelete === 'SET NULL' ? 'NULL' : 'DEFAULT';
      out.push(`UPDATE ${table} SET ${r.columns.map((c) => `${quoteIdent(c)} = ${value}`).join(', ')} WHERE ${where}`);
    }
    out.push(`ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(r.constraint)}`);
  }
  return out;
}

/** Puts the keys back once the referenced tables exist again (after a rebuild by migrations). */
export function restoreReferenceStatements(refs: readonly ExternalReference[]): string[] {
  return refs.map((r) => `ALTER TABLE ${qualify(r.schema, r.table)} ADD CONSTRAINT ${quoteIdent(r.constraint)} ${r.definition}`);
}
