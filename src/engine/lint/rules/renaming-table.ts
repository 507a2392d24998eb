import { actionsOf, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';

function renamingTable({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const { at, action, facts } of actionsOf(statements, 'rename-table')) {
    if (!at.existingTable || at.shape.kind !== 'alter-table') continue;
    const table = tableLabel(at.shape.table);
    const stillMapped = facts.entityMapsTable ? `; the entities still map ${table} too` : '';
    out.push({
      at,
      message: `renaming table ${table} to ${q(action.to)} breaks the running app, which queries ${table} until the new code is deployed${stillMapped}`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'renaming-table',
  summary: 'Renaming a table that a running app still uses',
  level: 'warning',
  help: 'Rename the table and create a view with the old name in the same transaction, deploy the new code, then drop the view in a later migration.',
  check: renamingTable,
};
