import { compareRefs, type MigrationRef } from '../history/migration-ref';
import type { AppliedRevision, HistoryFlag, HistoryIssue, HistoryView, LocalRevision, RevisionEntry } from './revision-entry';

function issueOf(entry: RevisionEntry, flag: HistoryFlag, head: MigrationRef | null): HistoryIssue | null {
  switch (flag) {
    case 'missing':
      return { kind: flag, name: entry.name, message: `${entry.name} is applied but its migration file is missing` };
    case 'edited':
      return { kind: flag, name: entry.name, message: `${entry.name} was edited after it was applied` };
    case 'out-of-order':
      return { kind: flag, name: entry.name, message: `${entry.name} is pending but older than the applied head ${head?.name}` };
    default:
      return null;
  }
}

/** Joins the project's migrations with the database's history and flags what does not fit. */
export function buildHistory(local: readonly LocalRevision[], applied: readonly AppliedRevision[]): HistoryView {
  const localByName = new Map(local.map((m) => [m.name, m]));
  const appliedByName = new Map(applied.map((m) => [m.name, m]));
  const sortedApplied = [...applied].sort(compareRefs);
  const head = sortedApplied.length > 0 ? sortedApplied[sortedApplied.length - 1] : null;
  const headRef = head ? { name: head.name, timestamp: head.timestamp } : null;

  const names = new Set([...localByName.keys(), ...appliedByName.keys()]);
  const entries: RevisionEntry[] = [];
  for (const name of names) {
    const l = localByName.get(name);
    const a = appliedByName.get(name);
    const flags: HistoryFlag[] = [];
    if (a && !l) flags.push('missing');
    if (a && l && a.checksum !== null && l.checksum !== null && a.checksum !== l.checksum) flags.push('edited');
    if (a && l && a.checksum === null) flags.push('unverified');
    const ref = (l ?? a) as MigrationRef;
    if (!a && head && compareRefs(ref, head) < 0) flags.push('out-of-order');
    entries.push({
      name,
      timestamp: ref.timestamp,
      state: a ? 'applied' : 'pending',
      appliedAt: a?.appliedAt ?? null,
      flags,
      checksum: l?.checksum ?? null,
      recordedChecksum: a?.checksum ?? null,
    });
  }
  entries.sort(compareRefs);
  const issues = entries.flatMap((e) => e.flags.map((f) => issueOf(e, f, headRef)).filter((i): i is HistoryIssue => i !== null));
  return { entries, head: headRef, issues };
}

export function appliedEntries(view: HistoryView): RevisionEntry[] {
  return view.entries.filter((e) => e.state === 'applied');
}

export function pendingEntries(view: HistoryView): RevisionEntry[] {
  return view.entries.filter((e) => e.state === 'pending');
}

export function refOf(m: MigrationRef): MigrationRef {
  return { name: m.name, timestamp: m.timestamp };
}
