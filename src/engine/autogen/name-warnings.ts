import type { Operation } from '../diff/operations';
import { describeShortened, nameKey, type ShortenedName } from '../model/stored-names';

/** The stored names an operation gives to new objects, keyed as ShortenedName keys them. */
function namesCreatedBy(op: Operation): string[] {
  switch (op.kind) {
    case 'create-schema':
      return [nameKey('schema', op.schema)];
    case 'create-enum':
      return [nameKey('enum', op.enum.schema, op.enum.name)];
    case 'recreate-enum':
      return [nameKey('enum', op.to.schema, op.to.name)];
    case 'rename-table':
      return [nameKey('table', op.schema, op.to)];
    case 'rename-column':
      return [nameKey('column', op.schema, op.table, op.to)];
    case 'rename-constraint':
      return [nameKey('constraint', op.schema, op.table, op.to)];
    case 'rename-index':
      return [nameKey('index', op.schema, op.table, op.to)];
    case 'create-table': {
      const t = op.table;
      const constraints = [t.primaryKey?.name, ...t.uniques.map((u) => u.name), ...t.checks.map((c) => c.name), ...t.exclusions.map((x) => x.name)];
      return [
        nameKey('table', t.schema, t.name),
        ...t.columns.map((c) => nameKey('column', t.schema, t.name, c.name)),
        ...constraints.filter((n): n is string => n !== undefined).map((n) => nameKey('constraint', t.schema, t.name, n)),
      ];
    }
    case 'add-column':
      return [nameKey('column', op.schema, op.table, op.column.name)];
    case 'create-index':
      return [nameKey('index', op.schema, op.table, op.index.name)];
    case 'add-primary-key':
      return [nameKey('constraint', op.schema, op.table, op.primaryKey.name)];
    case 'add-unique':
      return [nameKey('constraint', op.schema, op.table, op.unique.name)];
    case 'add-check':
      return [nameKey('constraint', op.schema, op.table, op.check.name)];
    case 'add-exclusion':
      return [nameKey('constraint', op.schema, op.table, op.exclusion.name)];
    case 'add-foreign-key':
      return [nameKey('constraint', op.schema, op.table, op.foreignKey.name)];
    default:
      return [];
  }
}

/**
 * One line per declared name that these operations create shortened: PostgreSQL keeps 63
 * bytes, and a name the entities spell longer than the database does surprises people
 * reading `\d` or writing raw SQL. Names created earlier were reported then.
 */
export function nameWarnings(operations: readonly Operation[], shortened: readonly ShortenedName[]): string[] {
  if (shortened.length === 0) return [];
  const created = new Set(operations.flatMap(namesCreatedBy));
  return shortened.filter((s) => created.has(s.key)).map(describeShortened);
}
