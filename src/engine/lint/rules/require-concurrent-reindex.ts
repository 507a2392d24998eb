import type { Finding, Rule, RuleInput } from '../rule';

function requireConcurrentReindex({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const at of statements) {
    if (at.shape.kind !== 'reindex' || at.shape.concurrently) continue;
    out.push({
      at,
      message: 'REINDEX without CONCURRENTLY blocks writes to the table, and every query that would use the index, until the rebuild finishes',
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'require-concurrent-reindex',
  summary: 'REINDEX without CONCURRENTLY',
  level: 'warning',
  help: 'Use REINDEX … CONCURRENTLY (PostgreSQL 12+) in a migration that declares `transaction = false`.',
  check: requireConcurrentReindex,
};
