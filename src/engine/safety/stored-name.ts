/** PostgreSQL's NAMEDATALEN - 1: the most bytes an identifier keeps. */
export const MAX_NAME_BYTES = 63;

/**
 * A name as PostgreSQL stores it: cut to 63 bytes, never inside a UTF-8 character (as
 * pg_mbcliplen does). An entity may declare a longer name; the catalog only ever holds
 * this one, so every comparison with the catalog must use it.
 */
export function storedName(name: string): string {
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length <= MAX_NAME_BYTES) return name;
  let end = MAX_NAME_BYTES;
  // A continuation byte (10xxxxxx) means the cut would split a character: back up to its start.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}
