import type { AnalyzedStatement } from '../analyze';
import { handWritten, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';

/** smallint and smallserial (2-byte) types, arrays included, in format_type()'s spelling. */
const FLAGGED = /^(smallint|smallserial|serial2)(\[\])?$/;

/** The columns a statement creates or retypes, with the phrase a message starts with. */
function columnsOf(at: AnalyzedStatement): { readonly column: string; readonly type: string }[] {
  const { shape } = at;
  if (shape.kind === 'create-table') {
    return shape.columns.map((c) => ({ column: `column ${tableLabel(shape.table)}.${q(c.name)} is`, type: c.type }));
  }
  if (shape.kind !== 'alter-table') return [];
  return shape.actions.flatMap((a) => {
    if (a.kind === 'add-column') return [{ column: `column ${tableLabel(shape.table)}.${q(a.column)} is`, type: a.type }];
    if (a.kind === 'alter-column-type') return [{ column: `column ${tableLabel(shape.table)}.${q(a.column)} changes to`, type: a.type }];
    return [];
  });
}

function preferBigintOverSmallint({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const at of statements) {
    // Generated SQL follows the entities: the type is chosen there, not in the migration.
    if (!handWritten(at)) continue;
    for (const { column, type } of columnsOf(at)) {
      if (FLAGGED.test(type)) out.push({ at, message: `${column} ${type}, which overflows past 32,767` });
    }
  }
  return out;
}

export const rule: Rule = {
  code: 'prefer-bigint-over-smallint',
  summary: 'A 2-byte smallint or smallserial column, which runs out at 32,767',
  level: 'warning',
  help: 'Use bigint (or integer where the range is truly bounded): changing the type later rewrites the whole table.',
  check: preferBigintOverSmallint,
};
