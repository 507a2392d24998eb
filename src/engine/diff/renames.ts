import { qualifiedKey, sealModel, type SchemaModel, type TableModel } from '../model/schema-model';
import { objectName, storedSequenceName } from '../model/stored-names';
import { renameInExpression } from '../sql/rename-in-expression';
import { compare } from './compare';
import { sameCheck, sameForeignKey, sameIndex, sameUnique } from './compare-table';
import { isWidening } from './destructive';
import type { Operation } from './operations';
import { order } from './order';

/**
 * A rename the user confirmed. A diff alone cannot tell a rename from a drop plus an add,
 * so renames are never inferred: `renameCandidates` proposes, the user answers, and
 * `compareWithRenames` turns the answers into RENAME statements that keep the data.
 */
export type Rename =
  | { readonly kind: 'table'; readonly schema: string; readonly from: string; readonly to: string }
  /** `table` is the table's name after any table rename in the same diff. */
  | { readonly kind: 'column'; readonly schema: string; readonly table: string; readonly from: string; readonly to: string };

/**
 * A dropped table or column paired with a created one in the same place. `compatible`:
 * every old value fits the new one (for a table, every old column survives with such a
 * type), which is when the rename is worth asking about.
 */
export type RenameCandidate = Rename & { readonly compatible: boolean; readonly fromType?: string; readonly toType?: string };

/** Every old column survives in the new table with a type that holds its values. */
function keepsEveryColumn(from: Pick<TableModel, 'columns'>, to: Pick<TableModel, 'columns'>): boolean {
  const target = new Map(to.columns.map((c) => [c.name, c.type]));
  return from.columns.every((c) => target.has(c.name) && isWidening(c.type, target.get(c.name)!));
}

/**
 * The renames a diff could hide: each dropped table with each table created in the same
 * schema, and within a table each dropped column with each added one. In diff order.
 * Explicit answers (`--rename`) may pick any of them; only compatible ones are asked.
 */
export function renameCandidates(operations: readonly Operation[]): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  const created = operations.flatMap((op) => (op.kind === 'create-table' ? [op.table] : []));
  for (const op of operations) {
    if (op.kind !== 'drop-table') continue;
    for (const t of created) {
      if (t.schema === op.table.schema) out.push({ kind: 'table', schema: t.schema, from: op.table.name, to: t.name, compatible: keepsEveryColumn(op.table, t) });
    }
  }
  for (const op of operations) {
    if (op.kind !== 'drop-column') continue;
    for (const add of operations) {
      if (add.kind !== 'add-column' || add.schema !== op.schema || add.table !== op.table) continue;
      const [fromType, toType] = [op.column.type, add.column.type];
      out.push({ kind: 'column', schema: op.schema, table: op.table, from: op.column.name, to: add.column.name, compatible: isWidening(fromType, toType), fromType, toType });
    }
  }
  return out;
}

const swap = (names: readonly string[], from: string, to: string) => names.map((n) => (n === from ? to : n));

/** The table with column `from` called `to`, in its columns and in every key that lists it. */
function renameColumnIn(t: TableModel, from: string, to: string): TableModel {
  const expr = (sql: string) => renameInExpression(sql, from, to);
  const key = (c: string) => (c === from ? to : c.startsWith('(') ? expr(c) : c);
  return {
    ...t,
    columns: t.columns.map((c) => ({ ...c, name: c.name === from ? to : c.name, expression: c.expression && expr(c.expression) })),
    primaryKey: t.primaryKey && { ...t.primaryKey, columns: swap(t.primaryKey.columns, from, to) },
    uniques: t.uniques.map((u) => ({ ...u, columns: swap(u.columns, from, to) })),
    indexes: t.indexes.map((i) => ({ ...i, columns: i.columns.map(key), where: i.where && expr(i.where) })),
    checks: t.checks.map((c) => ({ ...c, expression: expr(c.expression) })),
    exclusions: t.exclusions.map((x) => ({ ...x, expression: renameInExpression(x.expression, from, to, 'exclusion') })),
    foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, columns: swap(fk.columns, from, to) })),
  };
}

/** What PostgreSQL does to the catalog on a rename, including foreign keys in other tables that point at it. */
function applyRename(tables: readonly TableModel[], r: Rename): TableModel[] {
  const tableName = r.kind === 'table' ? r.from : r.table;
  return tables.map((t) => {
    let next = t;
    if (t.schema === r.schema && t.name === tableName) next = r.kind === 'table' ? { ...t, name: r.to } : renameColumnIn(t, r.from, r.to);
    const foreignKeys = next.foreignKeys.map((fk) => {
      if (fk.referencedSchema !== r.schema || fk.referencedTable !== tableName) return fk;
      return r.kind === 'table' ? { ...fk, referencedTable: r.to } : { ...fk, referencedColumns: swap(fk.referencedColumns, r.from, r.to) };
    });
    return { ...next, foreignKeys };
  });
}

/**
 * TypeORM derives constraint and index names from table and column names, so after a
 * rename they differ from the entities'. Objects that are the same but for the name are
 * renamed rather than dropped and rebuilt (which would lock and scan the table).
 */
function followNames(actual: TableModel, desired: TableModel): { table: TableModel; operations: Operation[] } {
  const ref = { schema: actual.schema, table: actual.name };
  const operations: Operation[] = [];
  const match = <T extends { readonly name: string }>(have: readonly T[], want: readonly T[], same: (a: T, b: T) => boolean, kind: 'rename-constraint' | 'rename-index'): T[] => {
    const wanted = new Set(want.map((w) => w.name));
    const taken = new Set(have.map((h) => h.name));
    return have.map((h) => {
      if (wanted.has(h.name)) return h;
      const w = want.find((x) => !taken.has(x.name) && same(h, x));
      if (!w) return h;
      taken.add(w.name);
      operations.push({ kind, ...ref, from: h.name, to: w.name });
      return { ...h, name: w.name };
    });
  };
  const pk = actual.primaryKey && desired.primaryKey ? match([actual.primaryKey], [desired.primaryKey], (a, b) => a.columns.join() === b.columns.join(), 'rename-constraint')[0] : actual.primaryKey;
  const table: TableModel = {
    ...actual,
    primaryKey: pk,
    uniques: match(actual.uniques, desired.uniques, sameUnique, 'rename-constraint'),
    checks: match(actual.checks, desired.checks, sameCheck, 'rename-constraint'),
    foreignKeys: match(actual.foreignKeys, desired.foreignKeys, sameForeignKey, 'rename-constraint'),
    indexes: match(actual.indexes, desired.indexes, sameIndex, 'rename-index'),
  };
  return { table, operations };
}

/** The name a serial or identity column's sequence has now: its stored name, or PostgreSQL's `<table>_<column>_seq`. */
const sequenceOf = (t: TableModel, c: TableModel['columns'][number]) => c.sequence ?? objectName(t.name, c.name, 'seq');

/** The names of the relations (tables, indexes, sequences) of a schema, which share one namespace. */
function relationNames(tables: readonly TableModel[], schema: string): Set<string> {
  const names = new Set<string>();
  for (const t of tables) {
    if (t.schema !== schema) continue;
    names.add(t.name);
    for (const i of t.indexes) names.add(i.name);
    if (t.primaryKey) names.add(t.primaryKey.name);
    for (const u of t.uniques) names.add(u.name);
    for (const c of t.columns) if (c.generated !== null) names.add(sequenceOf(t, c));
  }
  return names;
}

/**
 * The sequences of `table`'s serial and identity columns, by their stored names, with the
 * name each has once the table is `to`: PostgreSQL's `<table>_<column>_seq`, unless another
 * relation of the schema has that name already (two long table names cut alike), in which
 * case the sequence keeps its name (`to` equals `from`).
 */
function sequenceRenames(tables: readonly TableModel[], table: TableModel, to: string): { column: string; from: string; to: string }[] {
  const taken = relationNames(tables, table.schema);
  const out: { column: string; from: string; to: string }[] = [];
  for (const c of table.columns) {
    if (c.generated === null) continue;
    const from = sequenceOf(table, c);
    const next = objectName(to, c.name, 'seq');
    const keeps = next === from || taken.has(next);
    if (!keeps) taken.add(next);
    out.push({ column: c.name, from, to: keeps ? from : next });
  }
  return out;
}

/** The table as a rename of its sequences leaves it, each name kept as the catalog would keep it. */
function withSequences(t: TableModel, renamed: readonly { column: string; to: string }[]): TableModel {
  const names = new Map(renamed.map((r) => [r.column, r.to]));
  return {
    ...t,
    columns: t.columns.map((c) => {
      const name = names.get(c.name);
      if (name === undefined) return c;
      const { sequence: _, ...rest } = c;
      const stored = storedSequenceName(t.name, c.name, name);
      return stored === undefined ? rest : { ...rest, sequence: stored };
    }),
  };
}

/**
 * `actual` as it is after the renames, and the operations that get it there: the renames
 * themselves, then the constraint and index names that follow them.
 */
export function applyRenames(desired: SchemaModel, actual: SchemaModel, renames: readonly Rename[]): { actual: SchemaModel; operations: Operation[] } {
  // Tables first: a column rename names its table by the new name.
  const sorted = [...renames].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'table' ? -1 : 1));
  let tables = [...actual.tables];
  const operations: Operation[] = [];
  const touched = new Set<string>();
  for (const r of sorted) {
    const renamed = r.kind === 'table' ? tables.find((t) => t.schema === r.schema && t.name === r.from) : undefined;
    const sequences = renamed && r.kind === 'table' ? sequenceRenames(tables, renamed, r.to) : [];
    tables = applyRename(tables, r);
    if (r.kind === 'table') {
      tables = tables.map((t) => (t.schema === r.schema && t.name === r.to ? withSequences(t, sequences) : t));
      const moved = sequences.filter((s) => s.from !== s.to).map(({ from, to }) => ({ from, to }));
      operations.push({ kind: 'rename-table', schema: r.schema, from: r.from, to: r.to, ...(moved.length > 0 ? { sequences: moved } : {}) });
    }
    else operations.push({ kind: 'rename-column', schema: r.schema, table: r.table, from: r.from, to: r.to });
    touched.add(qualifiedKey({ schema: r.schema, name: r.kind === 'table' ? r.to : r.table }));
  }
  const desiredTables = new Map(desired.tables.map((t) => [qualifiedKey(t), t]));
  tables = tables.map((t) => {
    const d = desiredTables.get(qualifiedKey(t));
    if (!d || !touched.has(qualifiedKey(t))) return t;
    const followed = followNames(t, d);
    operations.push(...followed.operations);
    return followed.table;
  });
  return { actual: sealModel({ ...actual, tables }), operations };
}

/** `compare`, with the confirmed renames done first instead of dropping and re-adding. */
export function compareWithRenames(desired: SchemaModel, actual: SchemaModel, renames: readonly Rename[]): readonly Operation[] {
  if (renames.length === 0) return compare(desired, actual);
  const renamed = applyRenames(desired, actual, renames);
  return order([...renamed.operations, ...compare(desired, renamed.actual)]);
}
