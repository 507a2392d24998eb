import { q, type Finding, type Rule, type RuleInput } from '../rule';

function banDropDatabase({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const at of statements) {
    if (at.shape.kind !== 'drop-database') continue;
    out.push({ at, message: `DROP DATABASE ${q(at.shape.name)} in a migration destroys a whole database and every row in it, beyond any down migration's reach` });
  }
  return out;
}

export const rule: Rule = {
  code: 'ban-drop-database',
  summary: 'Dropping a database from a migration',
  level: 'error',
  help: 'Drop databases by hand, outside migrations, after taking a backup; a migration should only change the schema of the database it runs in.',
  check: banDropDatabase,
};
