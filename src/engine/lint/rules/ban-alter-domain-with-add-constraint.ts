import { q, type Finding, type Rule, type RuleInput } from '../rule';

function banAlterDomainWithAddConstraint({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const at of statements) {
    if (at.shape.kind !== 'alter-domain' || !at.shape.addsConstraint || at.shape.notValid) continue;
    out.push({
      at,
      message: `adding a constraint to domain ${q(at.shape.name)} without NOT VALID checks every column of every table that uses the domain, each under a lock that blocks writes`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'ban-alter-domain-with-add-constraint',
  summary: 'ALTER DOMAIN … ADD CONSTRAINT without NOT VALID',
  level: 'error',
  help: 'Add the constraint NOT VALID (new values are checked at once) and validate it separately at a quiet time, or put the CHECK on the table columns, where it can be validated without blocking writes.',
  check: banAlterDomainWithAddConstraint,
};
