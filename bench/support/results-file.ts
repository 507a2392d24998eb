import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_FILE = join(__dirname, '..', 'RESULTS.md');

const HEADER = `# Benchmark results

Written by the scripts under \`bench/\` (\`npm run bench\`, or one \`npm run bench:<name>\`). Each script
replaces only its own section, so the sections may come from different runs: each one carries its date
and the machine it ran on. Benchmarks are not tests; nothing here runs in \`npm test\`.
`;

/** Replaces (or appends) the section between this benchmark's markers, leaving the others alone. */
export function writeSection(name: string, markdown: string, file = RESULTS_FILE): void {
  const begin = `<!-- begin:${name} -->`;
  const end = `<!-- end:${name} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

/** A markdown table from a header row and body rows. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function verdict(value: number, limit: number): string {
  if (!Number.isFinite(value)) return 'not measured';
  return value <= limit ? 'pass' : 'FAIL';
}
