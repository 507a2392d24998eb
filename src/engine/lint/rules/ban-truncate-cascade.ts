import type { Finding, Rule, RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';

function banTruncateCascade({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const at of statements) {
    if (at.shape.kind !== 'truncate' || !at.shape.cascade) continue;
    const tables = at.shape.tables.map(tableLabel).join(', ');
    out.push({ at, message: `TRUNCATE ${tables} CASCADE also empties every table that references ${tables} by a foreign key, and every table referencing those, transitively` });
  }
  return out;
}

export const rule: Rule = {
  code: 'ban-truncate-cascade',
  summary: 'TRUNCATE … CASCADE, which empties every table that references the truncated ones',
  level: 'error',
  help: 'Name every table to empty in the TRUNCATE itself, without CASCADE: PostgreSQL then refuses when another table still references them, instead of emptying it silently.',
  check: banTruncateCascade,
};
