import { DbManageError } from '../errors/db-manage-error';
import type { MigrationRef } from '../history/migration-ref';
import { nearNames } from './near-names';
import { commandLine } from '../text/command-line';

const LIST_LIMIT = 5;

function listed(names: readonly string[]): string {
  const shown = names.slice(0, LIST_LIMIT).join(', ');
  return names.length > LIST_LIMIT ? `${shown} (+${names.length - LIST_LIMIT} more)` : shown;
}

/**
 * Finds the one migration a user means: its exact name or timestamp, its file name
 * (`1732200000000-AddPhone`), or a unique case-insensitive prefix of its name or timestamp.
 */
export function resolveRevision<T extends MigrationRef>(candidates: readonly T[], query: string): T {
  const text = query.trim();
  const fileForm = /^(\d{13})[-_]/.exec(text);
  const wanted = fileForm ? fileForm[1] : text;

  const exact = candidates.filter((c) => c.name === wanted || String(c.timestamp) === wanted);
  if (exact.length === 1) return exact[0];

  const lower = wanted.toLowerCase();
  const matches = exact.length > 1 ? exact : candidates.filter((c) => c.name.toLowerCase().startsWith(lower) || String(c.timestamp).startsWith(lower));
  if (wanted !== '' && matches.length === 1) return matches[0];
  if (wanted !== '' && matches.length > 1) {
    const names = matches.map((m) => m.name);
    throw new DbManageError('revision-ambiguous', `"${text}" matches ${matches.length} migrations: ${listed(names)}`, {
      hint: 'Type more of the name, or give the full timestamp',
      details: { query: text, matches: names },
    });
  }
  const names = candidates.map((c) => c.name);
  const near = wanted === '' ? [] : nearNames(wanted, names);
  const known = candidates.length === 0 ? '; there are no migrations' : near.length > 0 ? ` (did you mean ${listed(near)}?)` : `; the newest are ${listed([...names].reverse())}`;
  throw new DbManageError('revision-not-found', `no migration matches "${text}"${known}`, {
    hint: `Run ${commandLine('history')} to list the migrations`,
    details: { query: text, candidates: near },
  });
}
