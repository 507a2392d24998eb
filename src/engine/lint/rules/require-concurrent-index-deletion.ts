import { handWritten, type Finding, type Rule, type RuleInput } from '../rule';

function requireConcurrentIndexDeletion({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const at of statements) {
    if (at.shape.kind !== 'drop-index' || at.shape.concurrently || !handWritten(at)) continue;
    out.push({
      at,
      message: 'DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table: reads and writes of it queue behind the drop while it waits for the lock',
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'require-concurrent-index-deletion',
  summary: 'DROP INDEX without CONCURRENTLY',
  level: 'warning',
  help: 'Use DROP INDEX CONCURRENTLY, one index per statement, in a migration that declares `transaction = false`.',
  check: requireConcurrentIndexDeletion,
};
