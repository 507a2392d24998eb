import type { Finding, Rule, RuleInput } from '../rule';

function requiringLockTimeout({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  const reported = new Set<string>();
  for (const at of statements) {
    const migration = at.source.migration;
    if (reported.has(migration) || !at.locksExistingTable || at.lockTimeoutSet) continue;
    reported.add(migration);
    out.push({
      at,
      message: `${migration} locks an existing table without a lock_timeout: if another session holds the table, this statement waits and every later query on it queues behind it`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'requiring-lock-timeout',
  summary: 'A migration that locks existing tables without setting lock_timeout first',
  level: 'warning',
  help: "Start the migration with SET LOCAL lock_timeout = '5s' (SET lock_timeout when it declares transaction = false) and retry the migration when it times out.",
  check: requiringLockTimeout,
};
