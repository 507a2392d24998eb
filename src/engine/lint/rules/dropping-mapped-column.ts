import { actionsOf, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';

function droppingMappedColumn({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const { at, action, facts } of actionsOf(statements, 'drop-column')) {
    // Without the entities' columns we cannot tell, and guessing would cry wolf.
    if (facts.entityMapsColumn !== true || at.shape.kind !== 'alter-table') continue;
    out.push({
      at,
      message: `dropping ${tableLabel(at.shape.table)}.${q(action.column)} while the entities still map it: every query TypeORM builds for that entity selects the column and fails`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'dropping-mapped-column',
  summary: 'Dropping a column that the entities still map',
  level: 'error',
  help: 'Remove the column from the entity and deploy that first; drop the column in a later migration.',
  check: droppingMappedColumn,
};
