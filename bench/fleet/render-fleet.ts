import { machineFacts } from '../support/machine-facts';
import { table } from '../support/results-file';
import { mebibytes, seconds, summarize } from '../support/stats';
import { MIGRATIONS } from './fleet-project';
import type { Cell, FleetPlan, ServerFigures } from './measure-fleet';

function row(cell: Cell): string[] {
  const s = summarize(cell.samples.map((x) => x.wallMs));
  const rss = Math.max(...cell.samples.map((x) => x.maxRssKiB ?? Number.NaN));
  const connections = Math.max(...cell.samples.map((x) => x.peakConnections));
  return [
    cell.layout.label,
    String(cell.concurrency),
    seconds(s.medianMs, 2),
    `${seconds(s.minMs, 2)} – ${seconds(s.maxMs, 2)}`,
    String(s.n),
    `${(s.medianMs / cell.layout.targets).toFixed(1)} ms`,
    mebibytes(rss),
    String(connections),
  ];
}

export function renderFleet(plan: FleetPlan, command: string, notes: readonly string[], results: readonly ServerFigures[]): string {
  const tables = results.map(
    (r) => `**${r.server.name}** (PostgreSQL ${r.server.version})

${table(['layout', 'concurrency', 'median wall', 'min – max', 'runs', 'per target', 'peak RSS', 'peak connections'], r.cells.filter((c) => c.samples.length > 0).map(row))}`,
  );
  return `## Fleet upgrade — \`bench/fleet.ts\`

${machineFacts({ servers: results.map((r) => `${r.server.name}: PostgreSQL ${r.server.version}`).join('; '), ...(notes.length ? { caveat: notes.join('; ') } : {}) })}

**Method.** A generated schema-per-tenant project (\`"db-manage": { "schemaPerTenant": true }\`) with ${MIGRATIONS} hand-written
migrations whose SQL names no schema (two tables, a column, a foreign key, an index, a check constraint), upgraded
by \`db-manage fleet upgrade --targets FILE --concurrency C --json\` into ${plan.databases} empty databases (a \`postgres://\`
URL a line) and into ${plan.schemas} empty schemas of one database (\`schema=NAME\` lines). Before every run, untimed, the
targets are emptied: the databases dropped and created again; the schemas' database dropped and created again with
its empty schemas. The wall time runs from spawn to exit; the run counts only when it exits 0 and its JSON report
says every target ok with all ${MIGRATIONS} migrations applied. Peak RSS is the db-manage process's, from
\`/usr/bin/time -f %M\` (largest over the runs). Peak connections is the largest \`count(*)\` of \`pg_stat_activity\`
on the benchmark's databases, sampled every 50 ms from a separate connection while the command runs (a sample:
a connection opened and closed between two looks is missed). One untimed warm-up run on one database, then up to
${plan.runs} round${plan.runs === 1 ? '' : 's'} in which every layout runs once at every concurrency, in an order rotated each round (no new round
after ${Math.round(plan.budgetMs / 60_000)} minutes per server). Median, min – max; "per target" is the median divided by the targets.

${tables.join('\n\n')}

Rerun: \`${command}\`
`;
}
