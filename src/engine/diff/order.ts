import type { Operation, OperationKind } from './operations';
import { subjectOf } from './subject';

/**
 * Dependency order: schemas → extensions → renames → enums → (drops, most dependent first) → tables
 * → columns → keys and constraints → indexes → foreign keys → dropped enums, extensions and
 * schemas. Within a phase, by name. A down() is the exact reverse, so it drops in the
 * opposite order. A Record, so a kind left out (or a new one) does not compile.
 */
const PHASE: Record<OperationKind, number> = {
  'create-schema': 0,
  'create-extension': 1,
  // Renames come before anything that names a table or column (enum rebuilds retype
  // columns by their new names), so the rest of the diff sees the new names.
  'rename-table': 2,
  'rename-column': 3,
  'rename-constraint': 4,
  'rename-index': 5,
  'create-enum': 6,
  'add-enum-value': 7,
  'recreate-enum': 8,
  'drop-foreign-key': 9,
  'drop-index': 10,
  'forget-generated': 11,
  'drop-exclusion': 12,
  'drop-check': 13,
  'drop-unique': 14,
  'drop-primary-key': 15,
  'drop-default': 16,
  'drop-column': 17,
  'drop-table': 18,
  'create-table': 19,
  'add-column': 20,
  'alter-column-type': 21,
  'set-collation': 22,
  'drop-not-null': 23,
  'set-not-null': 24,
  'set-generated': 25,
  'set-default': 26,
  'set-comment': 27,
  'add-primary-key': 28,
  'add-unique': 29,
  'add-check': 30,
  'add-exclusion': 31,
  'create-index': 32,
  'add-foreign-key': 33,
  'validate-foreign-key': 34,
  // After the column it describes exists; a forget comes early, with the other drops.
  'record-generated': 35,
  'drop-enum': 36,
  'drop-extension': 37,
  'drop-schema': 38,
};


const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A subject as one sortable text; NUL cannot occur in a name, so `"a"."b.c"` and `"a.b"."c"` stay apart. */
const subjectKey = (op: Operation) => {
  const { schema, names } = subjectOf(op);
  return [schema ?? '', ...names].join('\0');
};

/** Values added to one enum go in the order they were computed: each names its neighbour. */
const step = (op: Operation) => (op.kind === 'add-enum-value' ? op.enum.values.length : 0);

/**
 * A stored generated column reads other columns of its row: it is added after every plain
 * column (the ones it reads may be new too) and dropped before them.
 */
function generatedRank(op: Operation): number {
  if (op.kind === 'drop-column') return op.column.expression === null ? 1 : 0;
  return 0;
}

/**
 * The phase of an operation. A stored generated column is added after the column changes of
 * its phase too: PostgreSQL cannot retype a column a generated column reads, so such a
 * column is dropped, the other is retyped, and it comes back.
 */
function rank(op: Operation): number {
  if (op.kind === 'add-column' && op.column.expression !== null) return PHASE['set-generated'] + 0.5;
  return PHASE[op.kind];
}

/** Sorts by phase, then subject: the same list in any order gives the same result. */
export function order(operations: readonly Operation[]): readonly Operation[] {
  return [...operations].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      generatedRank(a) - generatedRank(b) ||
      compareText(subjectKey(a), subjectKey(b)) ||
      step(a) - step(b) ||
      compareText(JSON.stringify(a), JSON.stringify(b)),
  );
}
