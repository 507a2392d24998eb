import type { Finding, Rule, RuleInput } from '../rule';

function rewritingTable({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const at of statements) {
    if (at.shape.kind !== 'table-lock') continue;
    // The classifier makes a VACUUM a table-lock only with the FULL option.
    const what = at.shape.statement === 'VACUUM' ? 'VACUUM FULL' : at.shape.statement === 'CLUSTER' ? 'CLUSTER' : undefined;
    if (!what) continue;
    out.push({ at, message: `${what} rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking its reads and writes until the copy is done` });
  }
  return out;
}

export const rule: Rule = {
  code: 'rewriting-table',
  summary: 'VACUUM FULL or CLUSTER, which rewrite a table under an ACCESS EXCLUSIVE lock',
  level: 'error',
  help: 'Leave it out of migrations; reclaim space or reorder rows online with pg_repack or pg_squeeze, run as an operation of its own.',
  check: rewritingTable,
};
