import { handWritten, type Finding, type Rule, type RuleInput } from '../rule';
import { tableKey, tableLabel } from '../sql/shape';

function banDropTable({ statements, context }: RuleInput): Finding[] {
  const schema = context.defaultSchema ?? 'public';
  const out: Finding[] = [];
  let migration: string | undefined;
  let created = new Set<string>();
  for (const at of statements) {
    if (at.source.migration !== migration) {
      migration = at.source.migration;
      created = new Set();
    }
    if (at.shape.kind === 'create-table') created.add(tableKey(at.shape.table, schema));
    if (at.shape.kind !== 'drop-table' || !at.locksExistingTable || !handWritten(at)) continue;
    // Name the tables that existed before the migration; fall back to all when none is known to.
    const existing = at.shape.tables.filter((t) => !created.has(tableKey(t, schema)));
    const named = existing.length > 0 ? existing : at.shape.tables;
    const tables = named.map(tableLabel).join(', ');
    const [noun, pronoun] = named.length > 1 ? ['tables', 'them'] : ['table', 'it'];
    out.push({
      at,
      message: `dropping existing ${noun} ${tables} deletes the data for good, and the running app fails on every query that still uses ${pronoun}`,
    });
  }
  return out;
}

export const rule: Rule = {
  code: 'ban-drop-table',
  summary: 'Dropping a table that existed before the migration',
  level: 'warning',
  help: 'First deploy code that no longer uses the table (and remove its entity), then drop it in a later migration, after a backup; or rename it aside and drop it later still.',
  check: banDropTable,
};
