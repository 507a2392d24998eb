import { actionsOf, handWritten, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';

function banDropNotNull({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const { at, action } of actionsOf(statements, 'drop-not-null')) {
    if (!at.existingTable || !handWritten(at) || at.shape.kind !== 'alter-table') continue;
    out.push({
      at,
      message: `dropping NOT NULL from column ${q(action.column)} of existing table ${tableLabel(at.shape.table)} lets NULLs in that the running code may not expect when it reads them`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'ban-drop-not-null',
  summary: 'Dropping NOT NULL from a column of an existing table',
  level: 'warning',
  help: 'Deploy code that handles NULL in the column first; drop the constraint in a later migration, and mark the field nullable in the entity.',
  check: banDropNotNull,
};
