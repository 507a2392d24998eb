import type { Finding, Rule, RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';

function requireConcurrentIndexCreation({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const at of statements) {
    if (at.shape.kind !== 'create-index' || at.shape.concurrently || !at.existingTable) continue;
    const name = at.shape.index ? ` "${at.shape.index}"` : '';
    out.push({
      at,
      message: `CREATE INDEX${name} on existing table ${tableLabel(at.shape.table)} without CONCURRENTLY blocks every write to it until the index is built`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'require-concurrent-index-creation',
  summary: 'CREATE INDEX on an existing table without CONCURRENTLY',
  level: 'error',
  help: 'Use CREATE INDEX CONCURRENTLY in a migration that declares `transaction = false`.',
  check: requireConcurrentIndexCreation,
};
