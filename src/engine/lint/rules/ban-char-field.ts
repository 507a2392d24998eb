import { typeRule } from '../type-rule';

export const rule = typeRule({
  code: 'ban-char-field',
  summary: 'A char(n) column, blank-padded to its length',
  help: 'Use text (with a CHECK (char_length(col) = n) constraint when the length matters) or varchar.',
  /** character(n) (char, bpchar), arrays included, in format_type()'s spelling. */
  flagged: /^character\(\d+\)(\[\])?$/,
  why: 'which pads values with blanks to the full length and ignores trailing spaces when comparing',
});
