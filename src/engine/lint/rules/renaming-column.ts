import { actionsOf, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';

function renamingColumn({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const { at, action, facts } of actionsOf(statements, 'rename-column')) {
    if (!at.existingTable || at.shape.kind !== 'alter-table') continue;
    const column = `${tableLabel(at.shape.table)}.${q(action.from)}`;
    const stillMapped = facts.entityMapsColumn ? `; the entities still map ${q(action.from)} too` : '';
    out.push({
      at,
      message: `renaming ${column} to ${q(action.to)} breaks the running app, which reads ${q(action.from)} until the new code is deployed${stillMapped}`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'renaming-column',
  summary: 'Renaming a column that a running app still uses',
  level: 'warning',
  help: 'Expand and contract: add the new column, write to both, backfill, switch reads, then drop the old one. If a short outage is acceptable, ignore this rule here.',
  check: renamingColumn,
};
