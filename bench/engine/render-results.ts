import { machineFacts } from '../support/machine-facts';
import type { BenchServer } from '../support/bench-servers';
import type { Sampled } from '../support/interleave';
import type { QueryTally } from '../support/query-counter';
import { table } from '../support/results-file';
import { mebibytes, seconds } from '../support/stats';
import type { DbManageRevertQueries } from './db-manage-revert';
import { NO_SNAPSHOT } from './db-manage-revert';
import type { DbManagePrepared, DbManageQueries } from './db-manage-side';
import { ROW_TABLE } from './head-template';
import { MANY_APPLIED } from './many-applied';
import { TARGET_NOTES, memoryTable, targetsTable } from './render-targets';
import type { TsNodeTool } from './ts-node-tool';
import type { TypeormQueries } from './typeorm-side';

export interface ServerFigures {
  readonly server: BenchServer;
  readonly sampled: ReadonlyMap<string, Sampled>;
  readonly dbm: DbManagePrepared;
  readonly queries?: { readonly typeorm: TypeormQueries; readonly dbm: DbManageQueries & DbManageRevertQueries };
}

export interface MigrationEngineRun {
  readonly entities: number;
  /** The command line that reruns this section, as run. */
  readonly rerun: string;
  readonly census: Record<string, number>;
  readonly runs: number;
  readonly tsNodeRuns: number;
  readonly budgetMin: number;
  readonly tscMs: number;
  readonly tsNode: TsNodeTool;
  readonly psql: string | null;
  readonly missing: readonly string[];
  readonly results: readonly ServerFigures[];
}

const NOT_YET = 'not measured';

function cell(s: Sampled | undefined): string {
  return s ? `${seconds(s.medianMs)} (n=${s.n})` : '—';
}

function ours(s: Sampled | undefined): string {
  return s ? `**${seconds(s.medianMs)}** (n=${s.n})` : NOT_YET;
}

function exitNote(s: Sampled | undefined): string {
  return s?.last?.status === 1 ? ' ⚠ exit 1 (found changes)' : '';
}

/** The figures side by side; the targets are judged in their own table. */
function comparison(f: ServerFigures): string {
  const g = (k: string) => f.sampled.get(k);
  const row = (what: string, ts: string, js: string, dbm: string) => {
    const d = g(dbm);
    return [what, cell(g(ts)) + exitNote(g(ts)), cell(g(js)) + exitNote(g(js)), ours(d) + exitNote(d)];
  };
  const initialNote = f.dbm.initialFrom === 'TypeORM' ? " (db-manage applies TypeORM's migration)" : '';
  return table(
    ['command', 'TypeORM ts-node', 'TypeORM precompiled JS', 'db-manage (TS sources, no build)'],
    [
      row('generate / `migrate`, empty db', 'typeorm-ts:generate', 'typeorm-js:generate', 'dbm:migrate'),
      row('… `migrate` with a cold loader cache', '-', '-', 'dbm:migrate-cold'),
      row('generate --check / `check`, up-to-date db', 'typeorm-ts:check', 'typeorm-js:check', 'dbm:check'),
      row('migration:show / `status`, db at head', '-', 'typeorm-js:show', 'dbm:status'),
      row(`migration:run / \`upgrade\`, initial migration${initialNote}`, 'typeorm-ts:run', 'typeorm-js:run', 'dbm:upgrade'),
      row(`migration:run / \`upgrade\`, ${MANY_APPLIED} applied, none pending`, '-', 'typeorm-js:many', 'dbm:many'),
      row('`upgrade`, db at head (the initial migration applied), none pending', '-', '-', 'dbm:head-noop'),
      row(`migration:revert / \`downgrade base --yes ${NO_SNAPSHOT}\`, db at head`, '-', 'typeorm-js:revert', 'dbm:downgrade'),
      row('… `downgrade base --yes`, with its automatic snapshot', '-', '-', 'dbm:downgrade-snap'),
      row('`status` right after `downgrade base` with its snapshot', '-', '-', 'dbm:status-after-snap'),
      row(`\`status\` right after \`downgrade base ${NO_SNAPSHOT}\``, '-', '-', 'dbm:status-after-nosnap'),
      ["`psql -1 -f` of the initial migration's up statements (TypeORM's / db-manage's)", '—', cell(g('psql:typeorm')), cell(g('psql:dbm'))],
      ["`psql -1 -f` of its down statements, db at head (db-manage's)", '—', '—', cell(g('psql:dbm-down'))],
    ],
  );
}

/** Derived, so it always matches the figures: how much of `upgrade` and `downgrade` is fixed start-up cost. */
function breakdown(f: ServerFigures): string {
  const g = (k: string) => f.sampled.get(k);
  const lines: string[] = [];
  const up = g('dbm:upgrade');
  const noop = g('dbm:many');
  const psql = g('psql:dbm') ?? g('psql:typeorm');
  if (up && noop && psql) {
    lines.push(
      `Where \`upgrade\`'s time goes: a command that applies nothing (the ${MANY_APPLIED}-applied case) takes ${seconds(noop.medianMs)} — process start, loading the project and the history — and applying the initial migration adds ${seconds(up.medianMs - noop.medianMs)}, against ${seconds(psql.medianMs)} for psql to start and apply the same statements.`,
    );
  }
  const floor = g('dbm:head-noop');
  const down = g('dbm:downgrade');
  const snap = g('dbm:downgrade-snap');
  const psqlDown = g('psql:dbm-down');
  if (floor && psql) {
    const bound = (p: number) => `${((floor.medianMs + p) / p).toFixed(2)} ×`;
    lines.push(
      `The floor: \`upgrade\` with nothing to apply on this project (db at head) takes ${seconds(floor.medianMs)} — process start, loading the project and its migration, the lock, the history. Were applying to cost db-manage no more than psql's whole run, \`upgrade\` would still be ${bound(psql.medianMs)} psql's time${psqlDown ? `, and \`downgrade\` (which also reads its down() and counts the rows it drops first) ${bound(psqlDown.medianMs)}` : ''}.`,
    );
  }
  if (down && snap) {
    lines.push(
      `\`downgrade base\` took ${seconds(snap.medianMs)} with its automatic snapshot and ${seconds(down.medianMs)} without (the snapshot's share: ${snap.medianMs >= down.medianMs ? '+' : '−'}${seconds(Math.abs(snap.medianMs - down.medianMs))})${psqlDown ? `; psql runs the same down statements in ${seconds(psqlDown.medianMs)}` : ''}.`,
    );
  }
  return lines.join('\n\n');
}

function memoryNote(f: ServerFigures): string {
  const typeormPeak = Math.max(...['typeorm-js:generate', 'typeorm-js:check', 'typeorm-js:run', 'typeorm-js:many', 'typeorm-js:revert', 'typeorm-js:show'].map((k) => f.sampled.get(k)?.maxRssKiB ?? 0));
  return `TypeORM precompiled JS peaked at ${mebibytes(typeormPeak)} over its commands.`;
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
    ['migration:show / `status`, db at head', tally(t.show), tally(d.status)],
    ['migration:run / `upgrade`, initial migration', tally(t.run), tally(d.upgrade)],
    [`migration:revert / \`downgrade base --yes ${NO_SNAPSHOT}\`, db at head`, tally(t.revert), tally(d.downgrade)],
  ])}`;
}

function details(f: ServerFigures): string {
  return table(
    ['measurement', 'median', 'min – max', 'runs', 'peak RSS'],
    [...f.sampled.values()].map((s) => [s.label, seconds(s.medianMs), `${seconds(s.minMs)} – ${seconds(s.maxMs)}`, String(s.n), mebibytes(s.maxRssKiB)]),
  );
}

function serverSection(run: MigrationEngineRun, f: ServerFigures): string {
  const g = (k: string) => f.sampled.get(k);
  const psqlWhose = g('psql:dbm') ? "db-manage's" : "TypeORM's";
  return `### ${f.server.name === 'embedded' ? 'Embedded' : 'External'} server (PostgreSQL ${f.server.version}), ${run.entities} entities

${comparison(f)}

**Targets** (medians; peak RSS is the largest over the runs):

${targetsTable(g, run.entities, psqlWhose)}

${breakdown(f)}

<details><summary>Peak memory of every db-manage command</summary>

${memoryTable(g, run.entities)}

${memoryNote(f)}

</details>

${queries(f)}

<details><summary>Every measurement</summary>

${details(f)}

</details>`;
}

export function renderMigrationEngine(run: MigrationEngineRun): string {
  const servers = run.results.map((f) => `${f.server.name}: PostgreSQL ${f.server.version}`).join('; ');
  const tsNode = run.tsNode.available
    ? `ts-node ${run.tsNode.version} with type-checking, installed from the npm registry into .db-manage/bench-tools (not a project dependency); first server only, ${run.tsNodeRuns} run(s), no warm-up`
    : `not measured: ${run.tsNode.reason}`;
  const notes = [...run.missing, ...run.results.flatMap((f) => f.dbm.notes.map((n) => `${f.server.name}: ${n}`))];
  const census = Object.entries(run.census).map(([k, v]) => `${v} ${k}`).join(', ');
  return `## Migration engine (issue 3), ${run.entities} entities — \`bench/migration-engine.ts\`

Rerun this section: \`${run.rerun}\`

${machineFacts({ servers, 'TypeORM with ts-node': tsNode })}

**Project.** \`bench/synthetic/generate-project.ts\` wrote ${run.entities} entities: ${census}; defaults of strings,
numbers, booleans, now() and empty arrays. Every tool gets the same files. For "precompiled JS" they were compiled
with \`npx tsc\` (${seconds(run.tscMs, 1)}, not counted); db-manage loads the TypeScript through its cached loader.

**Method.** Every command is a fresh process (\`node_modules/.bin/typeorm\`, \`typeorm-ts-node-commonjs\`,
\`bin/db-manage.js\`, \`psql\`) timed from spawn to exit; each measurement has its own database, recreated
before each run when the command needs an empty one. One untimed warm-up each, then up to ${run.runs} rounds in which
every measurement runs once in turn (round-robin, so a change in machine load hits every tool alike; odd rounds in
reverse order, so no run always follows the same one; an untimed \`CHECKPOINT\` just before each timed run, so no run
pays for the writes an earlier one or a database copy left behind); rounds stop
after ${run.budgetMin} min per server once each measurement has 3 runs; medians. Peak RSS from \`/usr/bin/time -f %M\`.
TypeORM's initial migration gets one hand-added line, \`CREATE SCHEMA IF NOT EXISTS "archive"\`: TypeORM 1.1.1 does
not create the schema and its migration fails without it. psql applies the statements of each tool's initial migration
with \`-1\` and \`ON_ERROR_STOP\`, and keeps no history. The ${MANY_APPLIED}-applied case is the initial migration plus
${MANY_APPLIED - 1} one-statement revisions, applied before timing. The cold-cache row gives each run an empty folder for
the loader's cache and for Node's compile cache (\`NODE_COMPILE_CACHE\`, used from Node 22.1 on); every other row runs warm.

**Reverts and \`status\` at head.** Once per server, untimed, each tool applies its own initial migration to a database
that then gets one row in \`${ROW_TABLE}\`; before every run the measurement's database is recreated as a copy of it
(\`CREATE DATABASE … TEMPLATE\`, untimed). The row makes reverting lose data: only then does db-manage's \`downgrade\`
want \`--yes\` and take its automatic snapshot (dropping empty tables loses nothing, so it takes none). Both kinds of
\`downgrade base\` run on the same copy; \`${NO_SNAPSHOT}\` is the flag that skips the snapshot. TypeORM's
\`migration:revert\` reverts one migration a call: the initial migration, all there is. psql runs the down statements of
db-manage's initial migration on a copy of db-manage's head. Snapshots left by an earlier run are dropped before each
run (untimed), so each automatic snapshot is the first, with none to prune. For \`status\` right after a downgrade, the
downgrade runs untimed just before it. \`upgrade\` on such a copy applies nothing: the floor every command pays.

${TARGET_NOTES}
${notes.length ? `\n**Not measured / caveats.**\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}
${run.results.map((f) => serverSection(run, f)).join('\n\n')}
`;
}
