import { typeRule } from '../type-rule';

export const rule = typeRule({
  code: 'prefer-bigint-over-smallint',
  summary: 'A 2-byte smallint or smallserial column, which runs out at 32,767',
  help: 'Use bigint (or integer where the range is truly bounded): changing the type later rewrites the whole table.',
  /** smallint and smallserial (2-byte) types, arrays included, in format_type()'s spelling. */
  flagged: /^(smallint|smallserial|serial2)(\[\])?$/,
  why: 'which overflows past 32,767',
});
