import { enumOfType, typeParts } from '../model/canonical/canonical-type';
import type { Irreversible, Operation } from './operations';

/**
 * Why an operation can lose data, or null when it cannot. Drops lose rows or values;
 * a type change that narrows (varchar(80) → varchar(20), bigint → integer, text →
 * varchar(n), any cast that can fail) can truncate or fail. Renames keep everything.
 * `migrate`'s data-loss refusal, the file's DATA LOSS comments and lint read this.
 */
export function destructive(op: Operation | Irreversible): string | null {
  switch (op.kind) {
    case 'drop-table':
      return `drops table ${op.table.schema}.${op.table.name} and its rows`;
    case 'drop-column':
      // A stored generated column's values are computed from the others: nothing is lost.
      return op.column.expression !== null ? null : `drops column ${op.schema}.${op.table}.${op.column.name} and its values`;
    case 'drop-schema':
      return `drops schema ${op.schema}`;
    case 'alter-column-type':
      // The cast never cuts a value (the USING names no length), so what a change can do is refuse
      // a value that does not fit, or round a number or a time.
      return isWidening(op.from, op.to) ? null : `changes ${op.schema}.${op.table}.${op.column} from ${op.from} to ${op.to}, which can reject values that do not fit or round them`;
    case 'recreate-enum': {
      const removed = op.from.values.filter((v) => !op.to.values.includes(v));
      return removed.length > 0 ? `removes ${removed.map((v) => `'${v}'`).join(', ')} from enum ${op.to.schema}.${op.to.name}; rows holding them fail` : null;
    }
    default:
      return null;
  }
}

const INTEGER_RANK: Readonly<Record<string, number>> = { smallint: 1, integer: 2, bigint: 3 };
const TEXT_LIKE = /^(text|character varying)$/;

function parse(type: string): { base: string; args: readonly number[]; array: boolean } {
  const parts = typeParts(type);
  return { base: parts.name, args: parts.mods, array: parts.array };
}

/** True when every value of `from` fits `to` unchanged. */
export function isWidening(from: string, to: string): boolean {
  if (from === to) return true;
  const a = parse(from);
  const b = parse(to);
  if (a.array !== b.array) return b.base === 'text' && !b.array;
  // Every type has a text form, and unbounded varchar takes any text.
  if (b.base === 'text' || (b.base === 'character varying' && b.args.length === 0)) return true;
  if (enumOfType(from.replace(/(\[\])+$/, '')) && TEXT_LIKE.test(b.base)) return b.args.length === 0;
  if ((a.base === 'character varying' || a.base === 'text') && b.base === 'character varying') {
    return b.args.length === 0 || (a.base === 'character varying' && a.args.length > 0 && b.args[0] >= a.args[0]);
  }
  if (a.base === 'bit varying' && b.base === 'bit varying') return b.args.length === 0 || (a.args.length > 0 && b.args[0] >= a.args[0]);
  if (INTEGER_RANK[a.base] && INTEGER_RANK[b.base]) return INTEGER_RANK[b.base] >= INTEGER_RANK[a.base];
  if (INTEGER_RANK[a.base] && b.base === 'numeric') return b.args.length === 0;
  if (a.base === 'real' && b.base === 'double precision') return true;
  if (a.base === 'numeric' && b.base === 'numeric') {
    if (b.args.length === 0) return true;
    if (a.args.length === 0) return false;
    const [p1, s1 = 0] = a.args;
    const [p2, s2 = 0] = b.args;
    return s2 >= s1 && p2 - s2 >= p1 - s1;
  }
  if (/^(timestamp|time|interval)/.test(a.base) && a.base.replace(/^(\w+)/, '') === b.base.replace(/^(\w+)/, '')) {
    const same = a.base.split(' ')[0] === b.base.split(' ')[0];
    return same && (b.args.length === 0 || (a.args.length > 0 && b.args[0] >= a.args[0]));
  }
  return false;
}
