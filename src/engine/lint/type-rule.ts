import type { AnalyzedStatement } from './analyze';
import { handWritten, q, type Finding, type Rule } from './rule';
import { tableLabel } from './sql/shape';

/** A column a hand-written statement creates or retypes, with the phrase a message starts with. */
interface TypedColumn {
  readonly phrase: string;
  /** In format_type()'s spelling (serial pseudo-types as written). */
  readonly type: string;
}

function columnsOf(at: AnalyzedStatement, retypes: boolean): TypedColumn[] {
  const { shape } = at;
  const column = (table: typeof shape & { kind: 'alter-table' | 'create-table' }, name: string) => `column ${tableLabel(table.table)}.${q(name)}`;
  if (shape.kind === 'create-table') return shape.columns.map((c) => ({ phrase: `${column(shape, c.name)} is`, type: c.type }));
  if (shape.kind !== 'alter-table') return [];
  return shape.actions.flatMap((a) => {
    if (a.kind === 'add-column') return [{ phrase: `${column(shape, a.column)} is`, type: a.type }];
    if (a.kind === 'alter-column-type' && retypes) return [{ phrase: `${column(shape, a.column)} changes to`, type: a.type }];
    return [];
  });
}

export interface TypeRuleSpec {
  readonly code: string;
  readonly summary: string;
  readonly help: string;
  /** The types the rule flags, in format_type()'s spelling. */
  readonly flagged: RegExp;
  /** What is wrong with such a column, after "column t."c" is <type>, ". */
  readonly why: string;
  /** Whether ALTER COLUMN … TYPE to such a type counts too (serial cannot be a target). */
  readonly retypes?: boolean;
}

/**
 * A rule about column types (squawk's prefer-* family). It reads only hand-written SQL: a
 * generated migration's types come from the entities, and are changed there.
 */
export function typeRule(spec: TypeRuleSpec): Rule {
  return {
    code: spec.code,
    summary: spec.summary,
    level: 'warning',
    help: spec.help,
    check: ({ statements }) => {
      const out: Finding[] = [];
      for (const at of statements) {
        if (!handWritten(at)) continue;
        for (const { phrase, type } of columnsOf(at, spec.retypes ?? true)) {
          if (spec.flagged.test(type)) out.push({ at, message: `${phrase} ${type}, ${spec.why}` });
        }
      }
      return out;
    },
  };
}
