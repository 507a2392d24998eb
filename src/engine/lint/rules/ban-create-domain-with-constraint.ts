import { q, type Finding, type Rule, type RuleInput } from '../rule';

function banCreateDomainWithConstraint({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const at of statements) {
    if (at.shape.kind !== 'create-domain' || at.shape.constraints === 0) continue;
    const checks = at.shape.constraints === 1 ? 'a CHECK constraint' : `${at.shape.constraints} CHECK constraints`;
    out.push({
      at,
      message: `domain ${q(at.shape.name)} is created with ${checks}: it cannot be changed online later, as adding or validating a domain constraint scans every table using the domain under a lock that blocks writes`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'ban-create-domain-with-constraint',
  summary: 'CREATE DOMAIN with a CHECK constraint',
  level: 'warning',
  help: 'Create the domain without CHECK and put the check on the table columns, where it can be added NOT VALID and validated online.',
  check: banCreateDomainWithConstraint,
};
