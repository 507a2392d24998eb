import type { Finding, Rule, RuleInput } from '../rule';

function concurrentlyInTransaction({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const at of statements) {
    const { shape } = at;
    const concurrent = (shape.kind === 'create-index' || shape.kind === 'drop-index' || shape.kind === 'reindex') && shape.concurrently;
    // Unknown transaction mode: say nothing rather than guess.
    if (!concurrent || at.source.inTransaction !== true) continue;
    const verb = shape.kind === 'create-index' ? 'CREATE INDEX' : shape.kind === 'drop-index' ? 'DROP INDEX' : 'REINDEX';
    out.push({ at, message: `${verb} CONCURRENTLY fails inside a transaction block, and ${at.source.migration} runs in one` });
  }
  return out;
}

export const rule: Rule = {
  code: 'concurrently-in-transaction',
  summary: 'A CONCURRENTLY statement in a migration that runs inside a transaction',
  level: 'error',
  help: 'Declare `transaction = false` on the migration class so db-manage runs it outside a transaction; keep such statements in a migration of their own.',
  check: concurrentlyInTransaction,
};
