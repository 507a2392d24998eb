import { createHash } from 'node:crypto';

/**
 * The text a checksum is taken over. A checkout on Windows (CRLF), an editor's BOM or its
 * final newline does not change what a migration does, so none of them counts as an edit.
 */
export function normaliseSource(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\s+$/, '') + '\n';
}

/** sha256 (hex) of the normalised source. */
export function sourceChecksum(text: string): string {
  return createHash('sha256').update(normaliseSource(text), 'utf8').digest('hex');
}
