/**
 * Everything after `--` is an operand, even when it starts with `-` (the POSIX rule), so a
 * schema or table named `-archive` can be reset: `reset-schema -- -archive`. yargs would still
 * read such a word as an option, so each one travels through it as a placeholder that cannot
 * look like an option, and is put back in the parsed arguments.
 */
const PLACEHOLDER = /^\u0001operand(\d+)$/;

export interface EscapedOperands {
  readonly argv: readonly string[];
  /** The parsed arguments with every placeholder replaced by the word it stands for. */
  restore<T>(args: T): T;
}

export function escapeOperands(argv: readonly string[]): EscapedOperands {
  const end = argv.indexOf('--');
  if (end < 0) return { argv, restore: (args) => args };
  const operands = argv.slice(end + 1);
  const put = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const m = PLACEHOLDER.exec(value);
      return m ? operands[Number(m[1])] : value;
    }
    return Array.isArray(value) ? value.map(put) : value;
  };
  return {
    argv: [...argv.slice(0, end), ...operands.map((_, i) => `\u0001operand${i}`)],
    restore: <T>(args: T): T => Object.fromEntries(Object.entries(args as Record<string, unknown>).map(([k, v]) => [k, put(v)])) as T,
  };
}
