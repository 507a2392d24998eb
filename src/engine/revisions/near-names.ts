/** Classic edit distance; names are short, so the quadratic table is fine. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/**
 * The names a mistyped query most likely meant: names containing it, then names within a
 * few edits of it (compared whole, without the timestamp, and by their same-length prefix).
 */
export function nearNames(query: string, names: readonly string[], limit = 5): string[] {
  const q = query.toLowerCase();
  const allowed = Math.max(1, Math.floor(q.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    const n = name.toLowerCase();
    const bare = n.replace(/\d{13}$/, '');
    const score = n.includes(q)
      ? 0
      : Math.min(editDistance(q, n), editDistance(q, bare), editDistance(q, n.slice(0, q.length)));
    if (score <= allowed) scored.push({ name, score });
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.name);
}
