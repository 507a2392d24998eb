import { actionsOf, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';

function addingCheckConstraint({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const { at, action, facts } of actionsOf(statements, 'add-constraint', 'add-column', 'validate-constraint')) {
    if (!at.existingTable || at.shape.kind !== 'alter-table') continue;
    const table = tableLabel(at.shape.table);
    if (action.kind === 'validate-constraint') {
      if (facts.validatesAddedInMigration !== 'check' || at.source.inTransaction === false) continue;
      out.push({
        at,
        message: `VALIDATE CONSTRAINT ${q(action.name)} runs in the transaction that added it, so the ACCESS EXCLUSIVE lock taken by ADD is held during the whole scan`,
      });
    } else if (action.kind === 'add-constraint' && action.constraint === 'check' && !action.notValid) {
      const name = action.name ? ` ${q(action.name)}` : '';
      out.push({ at, message: `adding CHECK constraint${name} on existing table ${table} scans every row under an ACCESS EXCLUSIVE lock` });
    } else if (action.kind === 'add-column' && action.check) {
      out.push({ at, message: `column ${q(action.column)} with an inline CHECK makes PostgreSQL scan every row of ${table} under an ACCESS EXCLUSIVE lock` });
    }
  }
  return out;
}

export const rule: Rule = {
  code: 'adding-check-constraint',
  summary: 'Adding a CHECK constraint to an existing table without NOT VALID',
  level: 'error',
  help: 'Add the constraint with NOT VALID, then run ALTER TABLE … VALIDATE CONSTRAINT in a separate transaction.',
  check: addingCheckConstraint,
};
