/** PostgreSQL stores no empty comment (COMMENT … IS '' removes it), so neither model does. */
export function canonicalComment(text: string | null | undefined): string | null {
  return text === null || text === undefined || text === '' ? null : text;
}
