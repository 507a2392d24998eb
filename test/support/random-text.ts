import { seededRandom } from './fault-trials';

/**
 * Pieces that break naive quoting somewhere: SQL quotes and escapes, the renderer's
 * template literal (backtick, `${`), comments, line breaks, and text outside ASCII.
 */
const PIECES = [
  "'", "''", '\\', "\\'", '\\\\', '"', '`', '${x}', '$$', '$1', '*/', '/*', '--', ';', '\n', '\r\n', '\t', '  ',
  'é', 'ß', '日本', '🙂', '\u00a0', 'E', "'; DROP TABLE items; --", '\\n', '\\x41', 'NULL', '{', '}', ',', 'a', 'Z', '0',
];

/** A deterministic string of 1–`max` pieces: the same seed always gives the same text. */
export function randomText(seed: number, max = 8): string {
  // Neighbouring seeds start xorshift in nearly the same state: spread them, and skip ahead.
  const random = seededRandom(Math.imul(seed + 1, 0x9e3779b1) >>> 0 || 1);
  for (let i = 0; i < 4; i++) random();
  const count = 1 + Math.floor(random() * max);
  let out = '';
  for (let i = 0; i < count; i++) out += PIECES[Math.floor(random() * PIECES.length)];
  return out;
}
