import type { Finding, Rule, RuleInput } from '../rule';

/** Transaction control on the other connection is not itself the problem; its writes are. */
const CONTROL = /^\s*(START|BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

function writingThroughAnotherConnection({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<object>();
  for (const at of statements) {
    if (at.source.otherConnection !== true || seen.has(at.source) || CONTROL.test(at.sql)) continue;
    seen.add(at.source);
    out.push({
      at,
      message: `${at.source.migration} writes through a connection other than its queryRunner: the write commits on its own, outside the migration's transaction, and can wait for ever on locks the migration holds`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'writing-through-another-connection',
  summary: 'A migration that writes through queryRunner.connection, the data source, or a query runner of its own',
  level: 'error',
  help: 'Send every statement through the migration\'s queryRunner: queryRunner.query(…), or queryRunner.manager and its repositories and query builders.',
  check: writingThroughAnotherConnection,
};
