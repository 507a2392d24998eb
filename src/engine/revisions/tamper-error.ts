import { DbManageError } from '../errors/db-manage-error';
import type { HistoryIssue, HistoryView } from './revision-entry';
import { commandLine } from '../text/command-line';
import { noun } from '../text/plural';

/** The newest applied migration whose file is still there: what a user re-stamps to. */
export function restampTarget(view: HistoryView): string {
  const kept = view.entries.filter((e) => e.state === 'applied' && !e.flags.includes('missing'));
  return kept.length > 0 ? kept[kept.length - 1].name : 'base';
}

/** Why a command refuses to run on a history whose applied files changed or vanished. */
export function tamperError(view: HistoryView, issues: readonly HistoryIssue[], command: string): DbManageError {
  const edited = issues.filter((i) => i.kind === 'edited').map((i) => i.name);
  const missing = issues.filter((i) => i.kind === 'missing').map((i) => i.name);
  const parts = [
    edited.length > 0 ? `${edited.join(', ')} ${edited.length === 1 ? 'was' : 'were'} edited after ${edited.length === 1 ? 'it was' : 'they were'} applied` : '',
    missing.length > 0 ? `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} applied but ${missing.length === 1 ? 'its file is' : 'their files are'} missing` : '',
  ].filter(Boolean);
  return new DbManageError('history-tampered', `${command} refused: ${parts.join('; ')}`, {
    hint: `Restore the ${noun(issues.length, 'file')}, or accept the project as it is now with ${commandLine('stamp', restampTarget(view))}`,
    details: { edited, missing },
  });
}
