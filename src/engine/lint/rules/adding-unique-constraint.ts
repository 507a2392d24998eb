import { actionsOf, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';

function addingUniqueConstraint({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const { at, action } of actionsOf(statements, 'add-constraint', 'add-column')) {
    if (!at.existingTable || at.shape.kind !== 'alter-table') continue;
    const table = tableLabel(at.shape.table);
    if (action.kind === 'add-constraint' && (action.constraint === 'unique' || action.constraint === 'primary-key') && !action.usingIndex) {
      const what = action.constraint === 'unique' ? 'UNIQUE' : 'PRIMARY KEY';
      const name = action.name ? ` ${q(action.name)}` : '';
      out.push({ at, message: `adding ${what} constraint${name} on existing table ${table} builds its index while blocking reads and writes` });
    } else if (action.kind === 'add-column' && action.unique) {
      // A column declared PRIMARY KEY inline is adding-serial-primary-key-field's.
      out.push({ at, message: `column ${q(action.column)} declared UNIQUE builds an index on existing table ${table} while blocking reads and writes` });
    }
  }
  return out;
}

export const rule: Rule = {
  code: 'adding-unique-constraint',
  summary: 'Adding a UNIQUE or PRIMARY KEY constraint that builds its index under a table lock',
  level: 'error',
  help: 'Build the index first with CREATE UNIQUE INDEX CONCURRENTLY (transaction = false), then ADD CONSTRAINT … UNIQUE USING INDEX.',
  check: addingUniqueConstraint,
};
