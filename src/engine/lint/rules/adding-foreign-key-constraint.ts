import { actionsOf, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';

function addingForeignKeyConstraint({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const { at, action, facts } of actionsOf(statements, 'add-constraint', 'add-column', 'validate-constraint')) {
    if (!at.existingTable || at.shape.kind !== 'alter-table') continue;
    const table = tableLabel(at.shape.table);
    if (action.kind === 'validate-constraint') {
      if (facts.validatesAddedInMigration !== 'foreign-key' || at.source.inTransaction === false) continue;
      out.push({
        at,
        message: `VALIDATE CONSTRAINT ${q(action.name)} runs in the transaction that added it, so the write-blocking lock taken by ADD is held during the whole scan`,
      });
    } else if (action.kind === 'add-constraint' && action.constraint === 'foreign-key' && !action.notValid) {
      const name = action.name ? ` ${q(action.name)}` : '';
      const target = action.references ? ` and ${tableLabel(action.references)}` : '';
      out.push({
        at,
        message: `adding foreign key${name} on existing table ${table} checks every row while blocking writes to ${table}${target}`,
      });
    } else if (action.kind === 'add-column' && action.references) {
      out.push({
        at,
        message: `column ${q(action.column)} REFERENCES ${tableLabel(action.references)}: the foreign key is validated against every row of ${table} while blocking writes`,
      });
    }
  }
  return out;
}

export const rule: Rule = {
  code: 'adding-foreign-key-constraint',
  summary: 'Adding a foreign key to an existing table without NOT VALID',
  level: 'error',
  help: 'Add the constraint with NOT VALID, then run ALTER TABLE … VALIDATE CONSTRAINT in a separate transaction (it only takes a SHARE UPDATE EXCLUSIVE lock).',
  check: addingForeignKeyConstraint,
};
