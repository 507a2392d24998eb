import { actionsOf, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';
import { SERIAL_TYPES } from '../sql/volatile';

function addingRequiredField({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const { at, action } of actionsOf(statements, 'add-column')) {
    if (!at.existingTable || at.shape.kind !== 'alter-table' || !action.notNull) continue;
    if (action.default === 'value' || action.generated || SERIAL_TYPES.has(action.type.toLowerCase())) continue;
    out.push({
      at,
      message: `adding NOT NULL column ${q(action.column)} without a default to existing table ${tableLabel(at.shape.table)} fails as soon as the table has a row`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'adding-required-field',
  summary: 'Adding a NOT NULL column without a default to an existing table',
  level: 'error',
  help: 'Add the column with a constant default (no rewrite on PostgreSQL 11+), or add it nullable, backfill it, and set NOT NULL the safe way.',
  check: addingRequiredField,
};
