import type { Operation } from './operations';

/**
 * What an operation is about: the schema of its object (none for an extension) and the names
 * under it (table, column or constraint). The switch is exhaustive: a new operation kind
 * does not compile until it says what it is about.
 */
export interface Subject {
  readonly schema: string | null;
  readonly names: readonly string[];
}

export function subjectOf(op: Operation): Subject {
  switch (op.kind) {
    case 'create-schema':
    case 'drop-schema':
      return { schema: op.schema, names: [] };
    case 'create-extension':
    case 'drop-extension':
      return { schema: null, names: [op.name] };
    case 'create-enum':
    case 'drop-enum':
    case 'add-enum-value':
      return { schema: op.enum.schema, names: [op.enum.name] };
    case 'recreate-enum':
      return { schema: op.to.schema, names: [op.to.name] };
    case 'rename-table':
      return { schema: op.schema, names: [op.from] };
    case 'rename-column':
    case 'rename-constraint':
    case 'rename-index':
      return { schema: op.schema, names: [op.table, op.from] };
    case 'create-table':
    case 'drop-table':
      return { schema: op.table.schema, names: [op.table.name] };
    case 'add-column':
    case 'drop-column':
      return { schema: op.schema, names: [op.table, op.column.name] };
    case 'alter-column-type':
    case 'set-collation':
    case 'set-not-null':
    case 'drop-not-null':
    case 'set-generated':
    case 'set-default':
    case 'drop-default':
      return { schema: op.schema, names: [op.table, op.column] };
    case 'set-comment':
      return { schema: op.schema, names: op.column === null ? [op.table] : [op.table, op.column] };
    case 'add-primary-key':
    case 'drop-primary-key':
      return { schema: op.schema, names: [op.table, op.primaryKey.name] };
    case 'add-unique':
    case 'drop-unique':
      return { schema: op.schema, names: [op.table, op.unique.name] };
    case 'add-check':
    case 'drop-check':
      return { schema: op.schema, names: [op.table, op.check.name] };
    case 'add-exclusion':
    case 'drop-exclusion':
      return { schema: op.schema, names: [op.table, op.exclusion.name] };
    case 'record-generated':
    case 'forget-generated':
      return { schema: op.record.schema, names: [op.record.table, op.record.column] };
    case 'create-index':
    case 'drop-index':
      return { schema: op.schema, names: [op.table, op.index.name] };
    case 'add-foreign-key':
    case 'drop-foreign-key':
    case 'validate-foreign-key':
      return { schema: op.schema, names: [op.table, op.foreignKey.name] };
  }
}
