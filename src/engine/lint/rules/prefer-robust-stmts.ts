import type { AnalyzedStatement } from '../analyze';
import { q, type Finding, type Rule, type RuleInput } from '../rule';
import { keywordPrefixEnd } from '../../sql/keyword-prefix';
import { classify } from '../sql/classify';
import { tableKey, tableLabel, type Shape } from '../sql/shape';

const ALTER_TABLE = ['ALTER', 'TABLE', 'IF EXISTS?', 'ONLY?', '<name>', '*?'];

/**
 * `at.sql` with `words` inserted after the leading keywords `pattern` (see keywordPrefixEnd),
 * kept only when PostgreSQL reads the result as the same statement with nothing changed but
 * `expected`'s flag.
 */
function insertAfter(at: AnalyzedStatement, pattern: readonly string[], words: string, expected: Shape): string | undefined {
  const end = keywordPrefixEnd(at.sql, pattern);
  if (end === undefined) return undefined;
  const fixed = `${at.sql.slice(0, end)} ${words}${at.sql.slice(end)}`;
  const { statements } = classify(fixed);
  if (statements.length !== 1 || statements[0].error !== undefined) return undefined;
  return JSON.stringify(statements[0].shape) === JSON.stringify(expected) ? fixed : undefined;
}

function preferRobustStmts({ statements, context }: RuleInput): Finding[] {
  const schema = context.defaultSchema ?? 'public';
  const out: Finding[] = [];
  let migration: string | undefined;
  /** Indexes dropped IF EXISTS earlier in the migration: creating them again is retry-safe. */
  let dropped = new Set<string>();
  for (const at of statements) {
    if (at.source.migration !== migration) {
      migration = at.source.migration;
      dropped = new Set();
    }
    const { shape } = at;
    if (shape.kind === 'drop-index' && shape.missingOk) for (const index of shape.indexes) dropped.add(tableKey(index, schema));
    // A migration run in a transaction is rolled back whole on failure; only a half-run one is retried as it is.
    if (at.source.inTransaction !== false) continue;
    const retried = `${at.source.migration} runs outside a transaction, so a retry after a partial run`;
    switch (shape.kind) {
      case 'create-table': {
        if (shape.ifNotExists || shape.temporary) break;
        const fix = insertAfter(at, ['CREATE', 'UNLOGGED?', 'TABLE'], 'IF NOT EXISTS', { ...shape, ifNotExists: true });
        out.push({ at, message: `CREATE TABLE ${tableLabel(shape.table)} without IF NOT EXISTS: ${retried} fails on the table the first run created`, fix });
        break;
      }
      case 'create-index': {
        if (shape.ifNotExists) break;
        if (shape.index === undefined) {
          out.push({ at, message: `unnamed CREATE INDEX on ${tableLabel(shape.table)}: ${retried} builds a second, duplicate index; name it and add IF NOT EXISTS` });
          break;
        }
        if (dropped.has(tableKey({ schema: shape.table.schema, name: shape.index }, schema))) break;
        const fix = insertAfter(at, ['CREATE', 'UNIQUE?', 'INDEX', 'CONCURRENTLY?'], 'IF NOT EXISTS', { ...shape, ifNotExists: true });
        out.push({ at, message: `CREATE INDEX ${q(shape.index)} without IF NOT EXISTS: ${retried} fails on the index the first run created`, fix });
        break;
      }
      case 'drop-table': {
        if (shape.missingOk) break;
        const fix = insertAfter(at, ['DROP', 'TABLE'], 'IF EXISTS', { ...shape, missingOk: true });
        out.push({ at, message: `DROP TABLE ${shape.tables.map(tableLabel).join(', ')} without IF EXISTS: ${retried} fails once the first run has dropped it`, fix });
        break;
      }
      case 'drop-index': {
        if (shape.missingOk) break;
        const fix = insertAfter(at, ['DROP', 'INDEX', 'CONCURRENTLY?'], 'IF EXISTS', { ...shape, missingOk: true });
        out.push({ at, message: `DROP INDEX without IF EXISTS: ${retried} fails once the first run has dropped it`, fix });
        break;
      }
      case 'alter-table': {
        const table = tableLabel(shape.table);
        const single = shape.actions.length === 1;
        for (const action of shape.actions) {
          if (action.kind === 'add-column' && !action.ifNotExists) {
            const fix = single ? insertAfter(at, [...ALTER_TABLE, 'ADD', 'COLUMN?'], 'IF NOT EXISTS', { ...shape, actions: [{ ...action, ifNotExists: true }] }) : undefined;
            out.push({ at, message: `ADD COLUMN ${q(action.column)} to ${table} without IF NOT EXISTS: ${retried} fails on the column the first run added`, fix });
          } else if (action.kind === 'drop-column' && !action.missingOk) {
            const fix = single ? insertAfter(at, [...ALTER_TABLE, 'DROP', 'COLUMN?'], 'IF EXISTS', { ...shape, actions: [{ ...action, missingOk: true }] }) : undefined;
            out.push({ at, message: `DROP COLUMN ${q(action.column)} of ${table} without IF EXISTS: ${retried} fails once the first run has dropped it`, fix });
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

export const rule: Rule = {
  code: 'prefer-robust-stmts',
  summary: 'A statement that fails when a migration run outside a transaction is retried',
  level: 'warning',
  help: 'In a migration with `transaction = false`, write CREATE … IF NOT EXISTS, ADD COLUMN IF NOT EXISTS and DROP … IF EXISTS, so it can simply run again after failing half-way.',
  check: preferRobustStmts,
};
