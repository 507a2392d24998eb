import { actionsOf, q, type Finding, type Rule, type RuleInput } from '../rule';
import { typeChangeRewrites } from '../sql/column-type';
import { tableLabel } from '../sql/shape';

function changingColumnType({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const { at, action, facts } of actionsOf(statements, 'alter-column-type')) {
    if (!at.existingTable || at.shape.kind !== 'alter-table') continue;
    // A typed operation knows the old type for sure; the catalog and earlier statements come next.
    // USING col::newtype is the conversion PostgreSQL applies anyway: no more rewriting than none.
    const verdict = typeChangeRewrites(at.source.previousType ?? facts.previousType, action.type, action.using === 'expression');
    if (verdict.rewrites === false) continue;
    const column = `${tableLabel(at.shape.table)}.${q(action.column)}`;
    const effect = verdict.rewrites === true ? 'rewrites' : 'may rewrite';
    out.push({
      at,
      message: `changing the type of ${column} to ${action.type} ${effect} the whole table and its indexes under an ACCESS EXCLUSIVE lock: ${verdict.reason}`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'changing-column-type',
  summary: 'Changing a column type in a way that rewrites the table',
  level: 'error',
  help: 'Add a column of the new type, backfill it in batches, move the app over, then drop the old column. No rewrite: longer varchar, varchar → text, more numeric precision at the same scale.',
  check: changingColumnType,
};
