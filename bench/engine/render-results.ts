import { machineFacts } from '../support/machine-facts';
import type { BenchServer } from '../support/bench-servers';
import type { QueryTally } from '../support/query-counter';
import { table, verdict } from '../support/results-file';
import type { Sampled } from '../support/sample';
import { mebibytes, seconds } from '../support/stats';
import type { DbManageFigures } from './db-manage-side';
import { MANY_APPLIED } from './db-manage-side';
import type { TsNodeTool } from './ts-node-tool';
import type { TypeormFigures } from './typeorm-side';

export interface ServerFigures {
  readonly server: BenchServer;
  readonly typeormJs: TypeormFigures;
  readonly typeormTs?: TypeormFigures;
  readonly psqlTypeorm: Sampled;
  readonly psqlDbManage?: Sampled;
  readonly dbManage: DbManageFigures;
  readonly typeormManyApplied: Sampled;
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

const MIB = 1024;
const PEAK_TARGET_KIB = 150 * MIB;
const NOT_YET = 'not measured yet';

function cell(s: Sampled | undefined): string {
  return s ? `${seconds(s.medianMs)} (n=${s.n})` : NOT_YET;
}

function targetRow(what: string, ts: Sampled | undefined, jsCell: string, dbm: Sampled | undefined, target: string, limitMs: number): string[] {
  return [what, cell(ts), jsCell, cell(dbm), target, dbm ? verdict(dbm.medianMs, limitMs) : NOT_YET];
}

function comparison(f: ServerFigures): string {
  const d = f.dbManage;
  const psqlRef = f.psqlDbManage ?? f.psqlTypeorm;
  const tsCheck = f.typeormTs;
  const checkNote = (status: number | null | undefined) => (status === 1 ? ' (found changes: exit 1)' : '');
  return table(
    ['command', 'TypeORM ts-node', 'TypeORM precompiled JS', 'db-manage (TS sources, no build)', 'target', 'result'],
    [
      targetRow('generate / `migrate` on an empty db', f.typeormTs?.generateEmpty, cell(f.typeormJs.generateEmpty), d.migrateEmpty, `≤ TypeORM JS (${seconds(f.typeormJs.generateEmpty.medianMs)})`, f.typeormJs.generateEmpty.medianMs),
      ['… the same, loader cache cold', '—', '—', cell(d.migrateEmptyCold), '—', '—'],
      targetRow(`generate --check / \`check\` on an up-to-date db${checkNote(f.typeormJs.checkStatus)}`, tsCheck?.check, cell(f.typeormJs.check), d.check, '≤ 1.5 s', 1500),
      targetRow(`migration:run / \`upgrade\` of the initial migration${d.initialFrom === 'TypeORM' ? " (db-manage: TypeORM's migration)" : ''}`, f.typeormTs?.run, cell(f.typeormJs.run), d.upgradeInitial, `≤ 1.25 × psql (${seconds(psqlRef.medianMs * 1.25)})`, psqlRef.medianMs * 1.25),
      targetRow(`migration:run / \`upgrade\`, ${MANY_APPLIED} applied, none pending`, undefined, cell(f.typeormManyApplied), d.upgradeManyApplied, '≤ 1 s', 1000),
      ["`psql -1 -f`, TypeORM's initial SQL", '—', cell(f.psqlTypeorm), '—', '—', '—'],
      ["`psql -1 -f`, db-manage's initial SQL", '—', '—', cell(f.psqlDbManage), '—', '—'],
    ],
  );
}

function allSamples(f: ServerFigures): Sampled[] {
  const d = f.dbManage;
  const maybe = [
    f.typeormJs.generateEmpty, f.typeormJs.check, f.typeormJs.run, f.typeormManyApplied,
    f.typeormTs?.generateEmpty, f.typeormTs?.check, f.typeormTs?.run,
    f.psqlTypeorm, f.psqlDbManage,
    d.migrateEmpty, d.migrateEmptyCold, d.upgradeInitial, d.check, d.upgradeManyApplied,
  ];
  return maybe.filter((s): s is Sampled => s !== undefined);
}

function details(f: ServerFigures): string {
  return table(
    ['measurement', 'median', 'min – max', 'runs', 'peak RSS'],
    allSamples(f).map((s) => [s.label.replace(`${f.server.name} · `, ''), seconds(s.medianMs), `${seconds(s.minMs)} – ${seconds(s.maxMs)}`, String(s.n), mebibytes(s.maxRssKiB)]),
  );
}

function memory(f: ServerFigures): string {
  const d = f.dbManage;
  const ours = [d.migrateEmpty, d.upgradeInitial, d.check, d.upgradeManyApplied].filter((s): s is Sampled => s !== undefined);
  if (ours.length === 0) return `Peak memory of db-manage (target ≤ 150 MiB): ${NOT_YET}.`;
  const peak = Math.max(...ours.map((s) => s.maxRssKiB ?? Number.NaN));
  const missing = ['migrate', 'upgrade', 'check'].filter((v) => !d.verbs.has(v));
  // A cold loader cache loads the TypeScript compiler once; it is reported, not held to the target.
  const cold = d.migrateEmptyCold ? ` With a cold loader cache (first run after a change of every file), \`migrate\` peaked at ${mebibytes(d.migrateEmptyCold.maxRssKiB)}.` : '';
  return `Peak memory of db-manage over the commands above (warm loader cache): **${mebibytes(peak)}** (target ≤ 150 MiB: ${verdict(peak, PEAK_TARGET_KIB)})${missing.length ? `; ${missing.join(', ')} ${NOT_YET}` : ''}.${cold}`;
}

function tally(t: QueryTally | undefined): string {
  return t ? `${t.catalog} of ${t.total}` : NOT_YET;
}

function queries(f: ServerFigures): string {
  const q = f.typeormJs.queries;
  const d = f.dbManage.queries;
  if (!q) return '';
  return `Statements sent to the server (catalog reads of all statements), counted by a wire-protocol proxy in a separate, untimed run:

${table(['command', 'TypeORM precompiled JS', 'db-manage'], [
    ['generate / `migrate` on an empty db', tally(q.generateEmpty), tally(d?.migrateEmpty)],
    ['generate --check / `check` on an up-to-date db', tally(q.check), tally(d?.check)],
    ['migration:run / `upgrade` of the initial migration', tally(q.run), tally(d?.upgradeInitial)],
  ])}`;
}

export function renderMigrationEngine(run: MigrationEngineRun): string {
  const servers = run.results.map((f) => `${f.server.name}: PostgreSQL ${f.server.version}`).join('; ');
  const tsNode = run.tsNode.available ? `ts-node ${run.tsNode.version} (installed from the npm registry into .db-manage/bench-tools, not a project dependency), type-checking on, measured on the first server only, ${run.tsNodeRuns} run(s)` : `not measured: ${run.tsNode.reason}`;
  const notes = [...run.missing, ...run.results.flatMap((f) => f.dbManage.notes.map((n) => `${f.server.name}: ${n}`))];
  const census = Object.entries(run.census).map(([k, v]) => `${v} ${k}`).join(', ');
  return `## Migration engine (issue 3) — \`bench/migration-engine.ts\`

${machineFacts({ servers, 'TypeORM with ts-node': tsNode })}

**Project.** \`bench/synthetic/generate-project.ts\` wrote ${run.entities} entities: ${census}; defaults of strings,
numbers, booleans, now() and empty arrays. The same files for every tool. For "precompiled JS" it was compiled with
\`npx tsc\` (${seconds(run.tscMs, 1)}); db-manage loads the TypeScript directly through its cached loader.

**Method.** Every command is a fresh process (\`node_modules/.bin/typeorm\`, \`typeorm-ts-node-commonjs\`,
\`bin/db-manage.js\`, \`psql\`), timed from spawn to exit, with the database recreated before each run where
the command needs an empty one. One untimed warm-up, then up to ${run.runs} runs (at most 90 s a command);
medians. Peak RSS from \`/usr/bin/time -f %M\`. TypeORM's initial migration gets one hand-added line,
\`CREATE SCHEMA IF NOT EXISTS "archive"\`, because TypeORM 1.1.1 does not create the schema and its migration
otherwise fails. psql applies the same statements, read out of each tool's initial migration, with \`-1\`
(one transaction) and \`ON_ERROR_STOP\`; it does no history bookkeeping. The ${MANY_APPLIED}-applied case is the
initial migration plus ${MANY_APPLIED - 1} one-statement revisions, all applied before timing.
${notes.length ? `\n**Not measured / caveats.**\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}
${run.results
  .map(
    (f) => `### ${f.server.name === 'embedded' ? 'Embedded' : 'External'} server (PostgreSQL ${f.server.version})

${comparison(f)}

${memory(f)}

${queries(f)}

<details><summary>Every measurement</summary>

${details(f)}

</details>`,
  )
  .join('\n\n')}
`;
}
