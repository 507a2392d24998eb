/** "migration" or "migrations" for a count; irregular words pass their plural. */
export function noun(count: number, word: string, many = `${word}s`): string {
  return count === 1 ? word : many;
}

/**
 * "1 migration", "3 tables", "0 rows": every count in a message goes through here, so
 * no message says "migration(s)".
 */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${noun(count, word, many)}`;
}
