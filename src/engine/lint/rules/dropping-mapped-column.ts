import { actionsOf, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';

function droppingMappedColumn({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  const added = actionsOf(statements, 'add-column');
  for (const { at, action, facts } of actionsOf(statements, 'drop-column')) {
    // Without the entities' columns we cannot tell, and guessing would cry wolf.
    if (facts.entityMapsColumn !== true || at.shape.kind !== 'alter-table') continue;
    // Dropped and added again later in the same transaction (a generated column whose
    // expression changes): no other session ever sees it missing.
    const table = tableLabel(at.shape.table);
    const readded = added.some(
      (a) =>
        a.at.source.migration === at.source.migration &&
        a.at.source.index >= at.source.index &&
        a.at.source.inTransaction === true &&
        at.source.inTransaction === true &&
        a.at.shape.kind === 'alter-table' &&
        tableLabel(a.at.shape.table) === table &&
        a.action.column === action.column,
    );
    if (readded) continue;
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
