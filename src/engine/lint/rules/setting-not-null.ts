import { actionsOf, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';

function settingNotNull({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const { at, action, facts } of actionsOf(statements, 'set-not-null')) {
    if (!at.existingTable || at.shape.kind !== 'alter-table' || facts.provenNotNull) continue;
    out.push({
      at,
      message: `SET NOT NULL on ${tableLabel(at.shape.table)}.${q(action.column)} scans the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'setting-not-null',
  summary: 'SET NOT NULL on a column of an existing table',
  level: 'error',
  help: 'Add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a separate transaction, then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check.',
  check: settingNotNull,
};
