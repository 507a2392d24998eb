import { typeRule } from '../type-rule';

export const rule = typeRule({
  code: 'prefer-text-field',
  summary: 'A varchar(n) column, whose limit can only change under an ACCESS EXCLUSIVE lock',
  help: 'Use text with a CHECK (char_length(col) <= n) constraint, added NOT VALID and validated separately on an existing table: the limit then changes without a rewrite or a long lock.',
  /** character varying with a length limit, arrays included, in format_type()'s spelling. */
  flagged: /^character varying\(\d+\)(\[\])?$/,
  why: 'whose length can only change with ALTER COLUMN TYPE under an ACCESS EXCLUSIVE lock (shortening it rewrites the table)',
});
