import { machineFacts } from '../support/machine-facts';
import type { BenchServer } from '../support/bench-servers';
import type { Sampled } from '../support/interleave';
import type { QueryTally } from '../support/query-counter';
import { table, verdict } from '../support/results-file';
import { mebibytes, seconds } from '../support/stats';
import type { DbManagePrepared, DbManageQueries } from './db-manage-side';
import { MANY_APPLIED } from './many-applied';
import type { TsNodeTool } from './ts-node-tool';
import type { TypeormQueries } from './typeorm-side';

export interface ServerFigures {
  readonly server: BenchServer;
  readonly sampled: ReadonlyMap<string, Sampled>;
  readonly dbm: DbManagePrepared;
  readonly queries?: { readonly typeorm: TypeormQueries; readonly dbm: DbManageQueries };
}

export interface MigrationEngineRun {
  readonly entities: number;
  readonly census: Record<string, number>;
  readonly runs: number;
  readonly tsNodeRuns: number;
  readonly tscMs: number;
  readonly tsNode: TsNodeTool;
  readonly psql: string | null;
  readonly missing: readonly string[];
  readonly results: readonly ServerFigures[];
}

const PEAK_TARGET_KIB = 150 * 1024;
const NOT_YET = 'not measured yet';

function cell(s: Sampled | undefined): string {
  return s ? `${seconds(s.medianMs)} (n=${s.n})` : '—';
}

function ours(s: Sampled | undefined): string {
  return s ? `**${seconds(s.medianMs)}** (n=${s.n})` : NOT_YET;
}

function exitNote(s: Sampled | undefined): string {
  return s?.last?.status === 1 ? ' ⚠ found changes (exit 1)' : '';
}

function comparison(f: ServerFigures): string {
  const g = (k: string) => f.sampled.get(k);
  const psqlRef = g('psql:dbm') ?? g('psql:typeorm');
  const row = (what: string, ts: string, js: string, dbm: string, target: string, limitMs: number | undefined) => {
    const d = g(dbm);
    return [what, cell(g(ts)) + exitNote(g(ts)), cell(g(js)) + exitNote(g(js)), ours(d) + exitNote(d), target, d && limitMs !== undefined ? verdict(d.medianMs, limitMs) : d ? '—' : NOT_YET];
  };
  const gen = g('typeorm-js:generate');
  const initialNote = f.dbm.initialFrom === 'TypeORM' ? " (db-manage applies TypeORM's migration)" : '';
  return table(
    ['command', 'TypeORM ts-node', 'TypeORM precompiled JS', 'db-manage (TS sources, no build)', 'target', 'result'],
    [
      row('generate / `migrate`, empty db', 'typeorm-ts:generate', 'typeorm-js:generate', 'dbm:migrate', `≤ TypeORM JS (${seconds(gen?.medianMs ?? Number.NaN)})`, gen?.medianMs),
      row('… `migrate` with a cold loader cache', '-', '-', 'dbm:migrate-cold', '—', undefined),
      row('generate --check / `check`, up-to-date db', 'typeorm-ts:check', 'typeorm-js:check', 'dbm:check', '≤ 1.5 s', 1500),
      row(`migration:run / \`upgrade\`, initial migration${initialNote}`, 'typeorm-ts:run', 'typeorm-js:run', 'dbm:upgrade', `≤ 1.25 × psql (${seconds((psqlRef?.medianMs ?? Number.NaN) * 1.25)})`, psqlRef ? psqlRef.medianMs * 1.25 : undefined),
      row(`migration:run / \`upgrade\`, ${MANY_APPLIED} applied, none pending`, '-', 'typeorm-js:many', 'dbm:many', '≤ 1 s', 1000),
      ["`psql -1 -f` of the initial SQL (TypeORM's / db-manage's)", '—', cell(g('psql:typeorm')), cell(g('psql:dbm')), '—', '—'],
    ],
  );
}

/** Derived, so it always matches the figures: how much of `upgrade` is fixed start-up cost. */
function upgradeBreakdown(f: ServerFigures): string {
  const up = f.sampled.get('dbm:upgrade');
  const noop = f.sampled.get('dbm:many');
  const psql = f.sampled.get('psql:dbm') ?? f.sampled.get('psql:typeorm');
  if (!up || !noop || !psql) return '';
  const applying = up.medianMs - noop.medianMs;
  return `Where \`upgrade\`'s time goes: a command that applies nothing (the ${MANY_APPLIED}-applied case) takes ${seconds(noop.medianMs)} — process start, loading the project and the history — and applying the initial migration adds ${seconds(applying)}, against ${seconds(psql.medianMs)} for psql to start and apply the same statements.`;
}

function memory(f: ServerFigures): string {
  const mine = ['dbm:migrate', 'dbm:upgrade', 'dbm:check', 'dbm:many'].map((k) => f.sampled.get(k)).filter((s): s is Sampled => s !== undefined);
  if (mine.length === 0) return `Peak memory of db-manage (target ≤ 150 MiB): ${NOT_YET}.`;
  const peak = Math.max(...mine.map((s) => s.maxRssKiB ?? Number.NaN));
  const missing = ['migrate', 'upgrade', 'check'].filter((v) => !f.dbm.verbs.has(v));
  const cold = f.sampled.get('dbm:migrate-cold');
  // A cold loader cache loads the TypeScript compiler once; reported, not held to the target.
  const coldNote = cold ? ` With a cold loader cache (the first run after every file changed) \`migrate\` peaked at ${mebibytes(cold.maxRssKiB)}.` : '';
  const typeormPeak = Math.max(...['typeorm-js:generate', 'typeorm-js:check', 'typeorm-js:run'].map((k) => f.sampled.get(k)?.maxRssKiB ?? 0));
  return `Peak memory of db-manage over its commands above (warm loader cache): **${mebibytes(peak)}** — target ≤ 150 MiB: **${verdict(peak, PEAK_TARGET_KIB)}**${missing.length ? ` (${missing.join(', ')}: ${NOT_YET})` : ''}. TypeORM precompiled JS peaked at ${mebibytes(typeormPeak)}.${coldNote}`;
}

function tally(t: QueryTally | undefined): string {
  return t ? `${t.catalog} / ${t.total}` : NOT_YET;
}

function queries(f: ServerFigures): string {
  if (!f.queries) return '';
  const { typeorm: t, dbm: d } = f.queries;
  return `Statements sent to the server — catalog reads / all — counted by a wire-protocol proxy in separate, untimed runs:

${table(['command', 'TypeORM precompiled JS', 'db-manage'], [
    ['generate / `migrate`, empty db', tally(t.generate), tally(d.migrate)],
    ['generate --check / `check`, up-to-date db', tally(t.check), tally(d.check)],
    ['migration:run / `upgrade`, initial migration', tally(t.run), tally(d.upgrade)],
  ])}`;
}

function details(f: ServerFigures): string {
  return table(
    ['measurement', 'median', 'min – max', 'runs', 'peak RSS'],
    [...f.sampled.values()].map((s) => [s.label, seconds(s.medianMs), `${seconds(s.minMs)} – ${seconds(s.maxMs)}`, String(s.n), mebibytes(s.maxRssKiB)]),
  );
}

export function renderMigrationEngine(run: MigrationEngineRun): string {
  const servers = run.results.map((f) => `${f.server.name}: PostgreSQL ${f.server.version}`).join('; ');
  const tsNode = run.tsNode.available
    ? `ts-node ${run.tsNode.version} with type-checking, installed from the npm registry into .db-manage/bench-tools (not a project dependency); first server only, ${run.tsNodeRuns} run(s), no warm-up`
    : `not measured: ${run.tsNode.reason}`;
  const notes = [...run.missing, ...run.results.flatMap((f) => f.dbm.notes.map((n) => `${f.server.name}: ${n}`))];
  const census = Object.entries(run.census).map(([k, v]) => `${v} ${k}`).join(', ');
  return `## Migration engine (issue 3) — \`bench/migration-engine.ts\`

${machineFacts({ servers, 'TypeORM with ts-node': tsNode })}

**Project.** \`bench/synthetic/generate-project.ts\` wrote ${run.entities} entities: ${census}; defaults of strings,
numbers, booleans, now() and empty arrays. Every tool gets the same files. For "precompiled JS" they were compiled
with \`npx tsc\` (${seconds(run.tscMs, 1)}, not counted); db-manage loads the TypeScript through its cached loader.

**Method.** Every command is a fresh process (\`node_modules/.bin/typeorm\`, \`typeorm-ts-node-commonjs\`,
\`bin/db-manage.js\`, \`psql\`) timed from spawn to exit; each measurement has its own database, recreated
before each run when the command needs an empty one. One untimed warm-up each, then up to ${run.runs} rounds in which
every measurement runs once in turn (round-robin, so a change in machine load hits every tool alike); medians.
Peak RSS from \`/usr/bin/time -f %M\`. TypeORM's initial migration gets one hand-added line,
\`CREATE SCHEMA IF NOT EXISTS "archive"\`: TypeORM 1.1.1 does not create the schema and its migration fails
without it. psql applies the statements of each tool's initial migration with \`-1\` and \`ON_ERROR_STOP\`, and
keeps no history. The ${MANY_APPLIED}-applied case is the initial migration plus ${MANY_APPLIED - 1} one-statement revisions, applied before timing.
${notes.length ? `\n**Not measured / caveats.**\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}
${run.results
  .map(
    (f) => `### ${f.server.name === 'embedded' ? 'Embedded' : 'External'} server (PostgreSQL ${f.server.version})

${comparison(f)}

${upgradeBreakdown(f)}

${memory(f)}

${queries(f)}

<details><summary>Every measurement</summary>

${details(f)}

</details>`,
  )
  .join('\n\n')}
`;
}
