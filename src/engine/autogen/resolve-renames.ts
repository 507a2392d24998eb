import { compare } from '../diff/compare';
import type { Operation } from '../diff/operations';
import { applyRenames, compareWithRenames, renameCandidates, type Rename, type RenameCandidate } from '../diff/renames';
import { DbManageError } from '../errors/db-manage-error';
import { qualifiedKey, type SchemaModel } from '../model/schema-model';
import { storedName } from '../model/stored-names';

/** One `--rename` value: `table.old:new` for a column, `old_table:new_table` for a table. */
export interface RenameAnswer {
  /** As typed, for messages. */
  readonly text: string;
  readonly from: string;
  readonly to: string;
}

export function parseRenameOption(text: string): RenameAnswer {
  const m = /^\s*([^:\s]+)\s*:\s*([^:\s]+)\s*$/.exec(text);
  if (!m) {
    throw new DbManageError('usage', `--rename "${text}" is not table.old:new (a column) or old_table:new_table (a table)`, {
      hint: 'e.g. --rename users.username:handle or --rename posts:articles',
    });
  }
  // The entity's names may be longer than PostgreSQL keeps; candidates carry the stored ones.
  return { text, from: m[1].split('.').map(storedName).join('.'), to: storedName(m[2]) };
}

/** `schema.table.column` for columns, `schema.table` for tables: how candidates are shown and keyed. */
export function renameSubject(r: Rename): { from: string; to: string } {
  return r.kind === 'table'
    ? { from: `${r.schema}.${r.from}`, to: `${r.schema}.${r.to}` }
    : { from: `${r.schema}.${r.table}.${r.from}`, to: `${r.schema}.${r.table}.${r.to}` };
}

/** The `--rename` value that answers `c` without a prompt, as the hint shows it. */
export function renameOptionFor(c: Rename): string {
  return c.kind === 'table' ? `${c.from}:${c.to}` : `${c.table}.${c.from}:${c.to}`;
}

/** Whether `answer` names the old side of `c`; the table may be given by its old name too. */
function namesFrom(answer: RenameAnswer, c: Rename, formerTable: string | undefined): boolean {
  if (c.kind === 'table') return answer.from === c.from || answer.from === `${c.schema}.${c.from}`;
  const tables = [c.table, formerTable].filter((t): t is string => t !== undefined);
  return tables.some((t) => answer.from === `${t}.${c.from}` || answer.from === `${c.schema}.${t}.${c.from}`);
}

function namesTo(answer: RenameAnswer, c: Rename): boolean {
  return answer.to === c.to || (c.kind === 'table' && answer.to === `${c.schema}.${c.to}`);
}

export interface ResolveRenamesOptions {
  /** `--rename` answers; they win over asking. */
  readonly answers?: readonly RenameAnswer[];
  /** Asks about one compatible candidate (on a terminal); absent: nothing is asked. */
  readonly ask?: (candidate: RenameCandidate) => Promise<boolean>;
}

export interface ResolvedRenames {
  readonly renames: readonly Rename[];
  /** Compatible candidates nobody answered: they stay a drop plus an add. */
  readonly unanswered: readonly RenameCandidate[];
  /** The diff with the renames applied. */
  readonly operations: readonly Operation[];
}

interface Pass {
  readonly chosen: Rename[];
  readonly unanswered: RenameCandidate[];
}

async function choose(candidates: readonly RenameCandidate[], options: ResolveRenamesOptions, used: Set<RenameAnswer>, formerTables: ReadonlyMap<string, string>): Promise<Pass> {
  const answers = options.answers ?? [];
  const key = (c: Rename, side: 'from' | 'to') => `${c.kind}:${renameSubject(c)[side]}`;
  const taken = new Set<string>();
  const chosen: Rename[] = [];
  const take = (c: RenameCandidate) => {
    taken.add(key(c, 'from'));
    taken.add(key(c, 'to'));
    const { compatible: _c, fromType: _f, toType: _t, ...rename } = c;
    chosen.push(rename);
  };
  const former = (c: Rename) => (c.kind === 'column' ? formerTables.get(qualifiedKey({ schema: c.schema, name: c.table })) : undefined);
  const free = (c: Rename) => !taken.has(key(c, 'from')) && !taken.has(key(c, 'to'));
  for (const answer of answers) {
    const c = candidates.find((x) => namesFrom(answer, x, former(x)) && namesTo(answer, x) && free(x));
    if (!c) continue;
    used.add(answer);
    take(c);
  }
  const answered = (c: Rename) => answers.some((a) => namesFrom(a, c, former(c)));
  const unanswered: RenameCandidate[] = [];
  for (const c of candidates) {
    if (!c.compatible || !free(c) || answered(c)) continue;
    if (options.ask && (await options.ask(c))) take(c);
    else unanswered.push(c);
  }
  return { chosen, unanswered: unanswered.filter(free) };
}

/**
 * Decides which drop-plus-add pairs are renames: `--rename` answers first, then a question
 * per compatible pair. Tables before columns, because a renamed table's columns are only
 * comparable once it is renamed. An answer that matches nothing is a usage error, so a
 * typo never silently turns into a dropped column.
 */
export async function resolveRenames(desired: SchemaModel, actual: SchemaModel, options: ResolveRenamesOptions = {}): Promise<ResolvedRenames> {
  const used = new Set<RenameAnswer>();
  const tables = await choose(renameCandidates(compare(desired, actual)).filter((c) => c.kind === 'table'), options, used, new Map());
  const formerTables = new Map(tables.chosen.map((r) => [qualifiedKey({ schema: r.schema, name: r.to }), r.from]));
  const afterTables = applyRenames(desired, actual, tables.chosen).actual;
  const columns = await choose(renameCandidates(compare(desired, afterTables)).filter((c) => c.kind === 'column'), options, used, formerTables);
  const unused = (options.answers ?? []).filter((a) => !used.has(a));
  if (unused.length > 0) {
    const open = renameCandidates(compare(desired, afterTables)).map((c) => renameOptionFor(c));
    throw new DbManageError('usage', `--rename ${unused[0].text} matches no dropped table or column with an added one in this diff`, {
      hint: open.length > 0 ? `The diff could rename: ${open.join(', ')}` : 'The diff drops nothing that could be renamed; check the entity change',
      details: { unmatched: unused.map((a) => a.text), possible: open },
    });
  }
  const renames = [...tables.chosen, ...columns.chosen];
  return { renames, unanswered: [...tables.unanswered, ...columns.unanswered], operations: compareWithRenames(desired, actual, renames) };
}
