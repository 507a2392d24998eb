import type { AnalyzedStatement } from '../analyze';
import { handWritten, q, type Finding, type Rule, type RuleInput } from '../rule';
import { tableLabel } from '../sql/shape';

/** timestamp without time zone, with or without a precision, arrays included, in format_type()'s spelling. */
const FLAGGED = /^timestamp(\(\d+\))? without time zone(\[\])?$/;

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

function preferTimestamptz({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const at of statements) {
    // Generated SQL follows the entities: the type is chosen there, not in the migration.
    if (!handWritten(at)) continue;
    for (const { column, type } of columnsOf(at)) {
      if (FLAGGED.test(type)) out.push({ at, message: `${column} ${type}, which records no time zone: the same instant reads differently in each session’s zone, and DST makes some values ambiguous` });
    }
  }
  return out;
}

export const rule: Rule = {
  code: 'prefer-timestamptz',
  summary: 'A timestamp without time zone column',
  level: 'warning',
  help: 'Use timestamptz (timestamp with time zone): it stores an absolute instant and converts to each session’s time zone.',
  check: preferTimestamptz,
};
