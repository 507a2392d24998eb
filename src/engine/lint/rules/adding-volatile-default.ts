import { actionsOf, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';
import { SERIAL_TYPES, volatileCalls } from '../sql/volatile';

/** Why a new column's value differs per existing row, or undefined when it does not. */
function perRowValue(type: string, calls: readonly string[], generated?: 'identity' | 'stored'): string | undefined {
  const volatile = volatileCalls(calls);
  if (volatile.length > 0) return `its default calls ${volatile.map((f) => `${f}()`).join(', ')}, which is volatile`;
  if (SERIAL_TYPES.has(type.toLowerCase())) return `${type} takes a nextval() default`;
  if (generated === 'identity') return 'an identity column numbers every row';
  if (generated === 'stored') return 'a stored generated column is computed for every row';
  return undefined;
}

function addingVolatileDefault({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const { at, action } of actionsOf(statements, 'add-column')) {
    if (!at.existingTable || at.shape.kind !== 'alter-table') continue;
    const why = perRowValue(action.type, action.defaultCalls, action.generated);
    if (!why) continue;
    out.push({
      at,
      message: `adding column ${q(action.column)} to existing table ${tableLabel(at.shape.table)} rewrites the table under an ACCESS EXCLUSIVE lock: ${why}`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'adding-volatile-default',
  summary: 'Adding a column whose default is computed per row (volatile, serial, identity, generated) to an existing table',
  level: 'error',
  help: 'Add the column without that default, then ALTER COLUMN … SET DEFAULT (affects new rows only) and backfill existing rows in batches.',
  check: addingVolatileDefault,
};
