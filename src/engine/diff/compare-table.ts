import { exclusionKey, expressionKey } from '../model/canonical/canonical-expression';
import { enumOfType } from '../model/canonical/canonical-type';
import type {
  CheckModel,
  ColumnModel,
  ExclusionModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  TableModel,
  UniqueModel,
} from '../model/schema-model';
import { quoteIdent } from '../sql/quote';
import type { Operation, TableRef } from './operations';

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameExpression = (a: string | null, b: string | null) => (a === null || b === null ? a === b : expressionKey(a) === expressionKey(b));

const samePrimaryKey = (a: PrimaryKeyModel | null, b: PrimaryKeyModel | null) =>
  a === null || b === null ? a === b : sameList(a.columns, b.columns);
export const sameUnique = (a: UniqueModel, b: UniqueModel) => sameList(a.columns, b.columns) && a.deferrable === b.deferrable;
export const sameExclusion = (a: ExclusionModel, b: ExclusionModel) => exclusionKey(a.expression) === exclusionKey(b.expression) && a.deferrable === b.deferrable;
export const sameCheck = (a: CheckModel, b: CheckModel) => sameExpression(a.expression, b.expression);
/** Plain column names compare exactly; an expression key `(lower(email))` compares as an expression. */
const indexKey = (column: string) => (column.startsWith('(') ? expressionKey(column) : column);
export const sameIndex = (a: IndexModel, b: IndexModel) =>
  a.unique === b.unique && a.method === b.method && sameList(a.columns.map(indexKey), b.columns.map(indexKey)) && sameExpression(a.where, b.where);

/**
 * Does comparing this table read SQL expressions, so that the SQL parser must be loaded first?
 * Every field the functions above give to expressionKey or exclusionKey.
 */
export function comparesExpressions(table: TableModel): boolean {
  return (
    table.checks.length > 0 ||
    table.exclusions.length > 0 ||
    table.columns.some((c) => c.expression !== null) ||
    table.indexes.some((i) => i.where !== null || i.columns.some((c) => c.startsWith('(')))
  );
}
export const sameForeignKey = (a: ForeignKeyModel, b: ForeignKeyModel) =>
  sameList(a.columns, b.columns) &&
  a.referencedSchema === b.referencedSchema &&
  a.referencedTable === b.referencedTable &&
  sameList(a.referencedColumns, b.referencedColumns) &&
  a.onDelete === b.onDelete &&
  a.onUpdate === b.onUpdate &&
  a.deferrable === b.deferrable;

/**
 * An explicit cast to `varchar(n)`, `char(n)` or `bit(n)` cuts a longer value to fit, where
 * the assignment to the column raises `value too long`: the cast names the type without its
 * length, so a value that does not fit stops the migration instead of losing its tail.
 */
const LENGTH_CUT = /^(character varying|character|bit varying|bit)\(\d+\)(\[\])?$/;

function castTarget(to: string): string {
  const m = LENGTH_CUT.exec(to);
  return m ? `${m[1]}${m[2] ?? ''}` : to;
}

/**
 * `USING` for a type change. Enums have no cast to or from other enums or varchar
 * lengths, so they go through text; everything else casts directly.
 */
export function usingFor(column: string, from: string, to: string): string {
  const viaText = enumOfType(from) !== null || enumOfType(to) !== null;
  const array = to.endsWith('[]');
  const target = castTarget(to);
  return viaText ? `${quoteIdent(column)}::text${array ? '[]' : ''}::${target}` : `${quoteIdent(column)}::${target}`;
}

function compareColumn(ref: TableRef, d: ColumnModel, a: ColumnModel): Operation[] {
  const ops: Operation[] = [];
  const column = d.name;
  if (d.type !== a.type) {
    // A default typed for the old type may not cast to the new one: set it again afterwards.
    if (a.default !== null) ops.push({ kind: 'drop-default', ...ref, column, previous: a.default });
    const collations = d.collation === null && a.collation === null ? {} : { collation: d.collation, previousCollation: a.collation };
    ops.push({ kind: 'alter-column-type', ...ref, column, from: a.type, to: d.type, using: usingFor(column, a.type, d.type), reverseUsing: usingFor(column, d.type, a.type), ...collations });
    if (d.default !== null) ops.push({ kind: 'set-default', ...ref, column, default: d.default, previous: null });
  } else if (d.default !== a.default) {
    ops.push(
      d.default === null
        ? { kind: 'drop-default', ...ref, column, previous: a.default! }
        : { kind: 'set-default', ...ref, column, default: d.default, previous: a.default },
    );
  }
  if (d.type === a.type && d.collation !== a.collation) ops.push({ kind: 'set-collation', ...ref, column, type: d.type, collation: d.collation, previous: a.collation });
  if (d.generated !== a.generated) {
    const sequences = { ...(a.sequence === undefined ? {} : { fromSequence: a.sequence }), ...(d.sequence === undefined ? {} : { toSequence: d.sequence }) };
    ops.push({ kind: 'set-generated', ...ref, column, type: d.type, from: a.generated, to: d.generated, ...sequences });
  }
  if (d.nullable !== a.nullable) ops.push({ kind: d.nullable ? 'drop-not-null' : 'set-not-null', ...ref, column });
  if (d.comment !== a.comment) ops.push({ kind: 'set-comment', ...ref, column, comment: d.comment, previous: a.comment });
  return ops;
}

/**
 * A stored generated column whose expression changes, or a column that becomes or stops
 * being one, is dropped and added again: PostgreSQL before 17 cannot alter the expression.
 */
function expressionChanged(d: ColumnModel, a: ColumnModel): boolean {
  return (d.expression === null) !== (a.expression === null) || (d.expression !== null && !sameExpression(d.expression, a.expression));
}

/** Does a key's column list or an expression mention one of these columns? DROP COLUMN takes those with it. */
function mentionsAny(columns: ReadonlySet<string>, names: readonly string[], sql: readonly (string | null)[]): boolean {
  if (columns.size === 0) return false;
  if (names.some((n) => columns.has(n))) return true;
  const text = sql.filter((s): s is string => s !== null).join(' ');
  return [...columns].some((c) => new RegExp(`(^|[^A-Za-z0-9_$])"?${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?($|[^A-Za-z0-9_$])`).test(text));
}

/** Named objects (uniques, checks, indexes, foreign keys) match by name; a changed one is dropped and re-added. */
function compareNamed<T extends { readonly name: string }>(
  desired: readonly T[],
  actual: readonly T[],
  same: (a: T, b: T) => boolean,
  add: (item: T) => Operation,
  drop: (item: T) => Operation,
  /** Objects on a column that is dropped and added again must follow it. */
  onRecreated: (item: T) => boolean = () => false,
): Operation[] {
  const ops: Operation[] = [];
  const actualByName = new Map(actual.map((x) => [x.name, x]));
  const desiredNames = new Set(desired.map((x) => x.name));
  for (const d of desired) {
    const a = actualByName.get(d.name);
    if (!a) ops.push(add(d));
    else if (!same(d, a) || onRecreated(a)) ops.push(drop(a), add(d));
  }
  for (const a of actual) if (!desiredNames.has(a.name)) ops.push(drop(a));
  return ops;
}

/** The operations that turn table `actual` into table `desired` (same schema and name). */
export function compareTable(desired: TableModel, actual: TableModel): Operation[] {
  const ref: TableRef = { schema: desired.schema, table: desired.name };
  const ops: Operation[] = [];
  const actualColumns = new Map(actual.columns.map((c) => [c.name, c]));
  const desiredColumns = new Set(desired.columns.map((c) => c.name));
  const recreated = new Set<string>();
  // Each kept column's changes, once: a retype among them decides what else is rebuilt.
  const changes = new Map(desired.columns.flatMap((d) => {
    const a = actualColumns.get(d.name);
    return a ? [[d.name, compareColumn(ref, d, a)] as const] : [];
  }));
  // PostgreSQL cannot retype (or re-collate) a column a stored generated column reads: that
  // generated column is dropped and added again around the change, its values recomputed.
  const retyped = new Set([...changes].filter(([, list]) => list.some((o) => o.kind === 'alter-column-type' || o.kind === 'set-collation')).map(([name]) => name));
  for (const d of desired.columns) {
    const a = actualColumns.get(d.name);
    if (a && (expressionChanged(d, a) || (a.expression !== null && d.expression !== null && mentionsAny(retyped, [], [a.expression])))) {
      recreated.add(d.name);
      ops.push({ kind: 'drop-column', ...ref, column: a }, { kind: 'add-column', ...ref, column: d });
    } else ops.push(...(changes.get(d.name) ?? [{ kind: 'add-column' as const, ...ref, column: d }]));
  }
  for (const a of actual.columns) if (!desiredColumns.has(a.name)) ops.push({ kind: 'drop-column', ...ref, column: a });
  // A retyped column's CHECK, EXCLUDE and index WHERE are stored by PostgreSQL with casts to the
  // new type; dropped before the change and added after, each is stored as written, so the
  // down() restores the catalog exactly (fuzz seed 418).
  const rewritten = new Set([...recreated, ...retyped]);
  if (desired.comment !== actual.comment) ops.push({ kind: 'set-comment', ...ref, column: null, comment: desired.comment, previous: actual.comment });
  if (!samePrimaryKey(desired.primaryKey, actual.primaryKey)) {
    if (actual.primaryKey) ops.push({ kind: 'drop-primary-key', ...ref, primaryKey: actual.primaryKey });
    if (desired.primaryKey) ops.push({ kind: 'add-primary-key', ...ref, primaryKey: desired.primaryKey });
  }
  ops.push(
    ...compareNamed(
      desired.uniques,
      actual.uniques,
      sameUnique,
      (unique) => ({ kind: 'add-unique', ...ref, unique }),
      (unique) => ({ kind: 'drop-unique', ...ref, unique }),
      (u) => mentionsAny(recreated, u.columns, []),
    ),
    ...compareNamed(
      desired.checks,
      actual.checks,
      sameCheck,
      (check) => ({ kind: 'add-check', ...ref, check }),
      (check) => ({ kind: 'drop-check', ...ref, check }),
      (c) => mentionsAny(rewritten, [], [c.expression]),
    ),
    ...compareNamed(
      desired.exclusions,
      actual.exclusions,
      sameExclusion,
      (exclusion) => ({ kind: 'add-exclusion', ...ref, exclusion }),
      (exclusion) => ({ kind: 'drop-exclusion', ...ref, exclusion }),
      (x) => mentionsAny(rewritten, [], [x.expression]),
    ),
    ...compareNamed(
      desired.indexes,
      actual.indexes,
      sameIndex,
      (index) => ({ kind: 'create-index', ...ref, index }),
      (index) => ({ kind: 'drop-index', ...ref, index }),
      (i) => mentionsAny(recreated, i.columns, [...i.columns]) || mentionsAny(rewritten, [], [i.where]),
    ),
    ...compareNamed(
      desired.foreignKeys,
      actual.foreignKeys,
      sameForeignKey,
      (foreignKey) => ({ kind: 'add-foreign-key', ...ref, foreignKey }),
      (foreignKey) => ({ kind: 'drop-foreign-key', ...ref, foreignKey }),
      (fk) => mentionsAny(recreated, fk.columns, []),
    ),
  );
  return ops;
}
