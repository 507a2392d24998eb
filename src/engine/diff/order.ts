import type { Operation, OperationKind } from './operations';

/**
 * Dependency order: schemas → extensions → renames → enums → (drops, most dependent first) → tables
 * → columns → keys and constraints → indexes → foreign keys → dropped enums, extensions and
 * schemas. Within a phase, by name. A down() is the exact reverse, so it drops in the
 * opposite order.
 */
const PHASES: readonly OperationKind[] = [
  'create-schema',
  'create-extension',
  // Renames come before anything that names a table or column (enum rebuilds retype
  // columns by their new names), so the rest of the diff sees the new names.
  'rename-table',
  'rename-column',
  'rename-constraint',
  'rename-index',
  'create-enum',
  'add-enum-value',
  'recreate-enum',
  'drop-foreign-key',
  'drop-index',
  'forget-generated',
  'drop-exclusion',
  'drop-check',
  'drop-unique',
  'drop-primary-key',
  'drop-default',
  'drop-column',
  'drop-table',
  'create-table',
  'add-column',
  'alter-column-type',
  'set-collation',
  'drop-not-null',
  'set-not-null',
  'set-generated',
  'set-default',
  'set-comment',
  'add-primary-key',
  'add-unique',
  'add-check',
  'add-exclusion',
  'create-index',
  'add-foreign-key',
  // After the column it describes exists; a forget comes early, with the other drops.
  'record-generated',
  'drop-enum',
  'drop-extension',
  'drop-schema',
];

const RANK = new Map(PHASES.map((kind, i) => [kind, i]));

/** What an operation is about, for ordering within its phase. */
export function subjectOf(op: Operation): string {
  switch (op.kind) {
    case 'create-schema':
    case 'drop-schema':
      return op.schema;
    case 'create-extension':
    case 'drop-extension':
      return op.name;
    case 'create-enum':
    case 'drop-enum':
      return `${op.enum.schema}.${op.enum.name}`;
    case 'add-enum-value':
      return `${op.enum.schema}.${op.enum.name}`;
    case 'recreate-enum':
      return `${op.to.schema}.${op.to.name}`;
    case 'rename-table':
      return `${op.schema}.${op.from}`;
    case 'rename-column':
    case 'rename-constraint':
    case 'rename-index':
      return `${op.schema}.${op.table}.${op.from}`;
    case 'create-table':
    case 'drop-table':
      return `${op.table.schema}.${op.table.name}`;
    case 'add-column':
    case 'drop-column':
      return `${op.schema}.${op.table}.${op.column.name}`;
    case 'alter-column-type':
    case 'set-collation':
    case 'set-not-null':
    case 'drop-not-null':
    case 'set-generated':
    case 'set-default':
    case 'drop-default':
      return `${op.schema}.${op.table}.${op.column}`;
    case 'set-comment':
      return `${op.schema}.${op.table}${op.column === null ? '' : `.${op.column}`}`;
    case 'add-primary-key':
    case 'drop-primary-key':
      return `${op.schema}.${op.table}.${op.primaryKey.name}`;
    case 'add-unique':
    case 'drop-unique':
      return `${op.schema}.${op.table}.${op.unique.name}`;
    case 'add-check':
    case 'drop-check':
      return `${op.schema}.${op.table}.${op.check.name}`;
    case 'add-exclusion':
    case 'drop-exclusion':
      return `${op.schema}.${op.table}.${op.exclusion.name}`;
    case 'record-generated':
    case 'forget-generated':
      return `${op.record.schema}.${op.record.table}.${op.record.column}`;
    case 'create-index':
    case 'drop-index':
      return `${op.schema}.${op.table}.${op.index.name}`;
    case 'add-foreign-key':
    case 'drop-foreign-key':
      return `${op.schema}.${op.table}.${op.foreignKey.name}`;
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
  if (op.kind === 'add-column' && op.column.expression !== null) return RANK.get('set-generated')! + 0.5;
  return RANK.get(op.kind)!;
}

/** Sorts by phase, then subject: the same list in any order gives the same result. */
export function order(operations: readonly Operation[]): readonly Operation[] {
  return [...operations].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      generatedRank(a) - generatedRank(b) ||
      compareText(subjectOf(a), subjectOf(b)) ||
      step(a) - step(b) ||
      compareText(JSON.stringify(a), JSON.stringify(b)),
  );
}
