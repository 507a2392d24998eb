import { actionsOf, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel, type AddColumn } from '../sql/shape';
import { SERIAL_TYPES, volatileCalls } from '../sql/volatile';

/** What adding a primary-key column does to the rows already there. */
function outcome(action: AddColumn): string {
  const perRow = SERIAL_TYPES.has(action.type.toLowerCase()) || action.generated !== undefined || volatileCalls(action.defaultCalls).length > 0;
  if (perRow) return 'writes a value into every row and builds the primary key index under an ACCESS EXCLUSIVE lock, blocking reads and writes throughout';
  if (action.default === 'value') return 'gives every existing row the same default, so it fails as soon as the table has two rows';
  return 'leaves every existing row NULL, so it fails as soon as the table has a row';
}

/*
 * ADD [CONSTRAINT …] PRIMARY KEY (…) without USING INDEX is left to adding-unique-constraint,
 * which reports it; this rule covers a primary key declared inline on a new column.
 */
function addingSerialPrimaryKeyField({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const { at, action } of actionsOf(statements, 'add-column')) {
    if (!at.existingTable || !action.primaryKey || at.shape.kind !== 'alter-table') continue;
    out.push({ at, message: `adding PRIMARY KEY column ${q(action.column)} to existing table ${tableLabel(at.shape.table)} ${outcome(action)}` });
  }
  return out;
}

export const rule: Rule = {
  code: 'adding-serial-primary-key-field',
  summary: 'Adding a column declared PRIMARY KEY to an existing table',
  level: 'error',
  help: 'Add the column nullable and backfill it in batches, build CREATE UNIQUE INDEX CONCURRENTLY (transaction = false), set NOT NULL the safe way, then ADD CONSTRAINT … PRIMARY KEY USING INDEX.',
  check: addingSerialPrimaryKeyField,
};
