import { typeRule } from '../type-rule';

export const rule = typeRule({
  code: 'prefer-timestamptz',
  summary: 'A timestamp without time zone column',
  help: 'Use timestamptz (timestamp with time zone): it stores an absolute instant and converts to each session’s time zone.',
  /** timestamp without time zone, with or without a precision, arrays included, in format_type()'s spelling. */
  flagged: /^timestamp(\(\d+\))? without time zone(\[\])?$/,
  why: 'which records no time zone: the same instant reads differently in each session’s zone, and DST makes some values ambiguous',
});
