import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_FILE = join(__dirname, '..', 'RESULTS.md');

const HEADER = `# Benchmark results

Written by the scripts under \`bench/\`; never part of \`npm test\`. Each script replaces only its own
section, so sections may come from different runs: each carries its date, the machine and how busy it was.

| script | measures | run it |
| --- | --- | --- |
| \`bench/cli-startup.ts\` | \`node -e 0\`, \`db-manage --help\`, \`status\`; loader cache cold vs warm (issue 2) | \`npm run bench:cli-startup\` |
| \`bench/migration-engine.ts\` | db-manage vs TypeORM 1.1.1's CLI vs \`psql -1 -f\` on N synthetic entities: migrate, check, status, upgrade, downgrade (issue 3 and the Performance issue); one section per N (\`migration-engine-300\`, \`migration-engine-1000\`) | \`npm run bench:migration-engine\` (N=300); \`npm run bench:migration-engine -- --entities 1000\` |
| \`bench/test-database.ts\` | \`createTestDatabase()\` at 100 entities vs bare template cloning (issue 4) | \`npm run bench:test-database\` |
| \`bench/warm-baseline.ts\` | warm \`migrate\`, \`check\`, \`status\` of this checkout against the commit the Performance issue was measured at (26bc0fe), alternating, on the external server | \`npm run bench:warm-baseline\` |
| \`bench/cold-start.ts\` | \`migrate\` at N entities with an empty loader cache against a warm one, as installed from \`npm pack\` and from this checkout | \`npm run bench:cold-start\` |
| \`bench/fleet.ts\` | \`db-manage fleet upgrade\`: 100 databases and 1,000 schemas, 5 migrations each, at concurrency 1/4/8/16 | \`npm run bench:fleet\` |

\`npm run bench\` runs all four, the migration engine at 300 entities (about 80 minutes on 2 cores; each stops by itself). They use their own embedded
cluster (\`.db-manage/bench-postgres\`, port 54344, stopped at the end) and \`bench_*\` databases on the external
server (\`BENCH_EXTERNAL_URL\`, default postgres://postgres@127.0.0.1:5432/postgres), dropped at the end.
`;

/**
 * Replaces the section between this benchmark's markers, leaving the others alone. A new section
 * goes after the last section whose name starts with `after` (a sibling), else at the end.
 */
export function writeSection(name: string, markdown: string, file = RESULTS_FILE, after?: string): void {
  const begin = `<!-- begin:${name} -->`;
  const end = `<!-- end:${name} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  // The header is rewritten every time, so it stays in step with the scripts.
  const firstSection = existing.indexOf('<!-- begin:');
  const current = firstSection >= 0 ? `${HEADER}\n${existing.slice(firstSection)}` : HEADER;
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  const sibling = after ? lastSectionEnd(current, after) : -1;
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : sibling >= 0
        ? `${current.slice(0, sibling)}\n\n${block}${current.slice(sibling)}`
        : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

/** Where the last section named `prefix…` ends (just past its end marker), or -1. */
function lastSectionEnd(text: string, prefix: string): number {
  let at = -1;
  for (const m of text.matchAll(/<!-- end:([^ ]+) -->/g)) if (m[1].startsWith(prefix) && m.index !== undefined) at = m.index + m[0].length;
  return at;
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
