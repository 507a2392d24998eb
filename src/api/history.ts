import { relative } from 'node:path';
import type { MigrationRef } from '../engine/history/migration-ref';
import { assertDistinctRevisions } from '../engine/revisions/distinct-revisions';
import type { HistoryFlag, HistoryIssue } from '../engine/revisions/revision-entry';
import { readHistory } from '../engine/runner/read-history';
import type { ApiOptions } from './api-options';
import { withProject } from './project-session';

export type HistoryOptions = ApiOptions;

/** One migration, applied or pending, with what is wrong with it. */
export interface HistoryEntry extends MigrationRef {
  readonly state: 'applied' | 'pending';
  /** ISO time it was applied or stamped; null if unknown (applied by TypeORM alone). */
  readonly appliedAt: string | null;
  readonly flags: readonly HistoryFlag[];
  /** Its source file relative to the project; null if missing or unknown. */
  readonly file: string | null;
}

export interface HistoryReport {
  readonly current: MigrationRef | null;
  /** Every migration, oldest first. */
  readonly migrations: readonly HistoryEntry[];
  readonly issues: readonly HistoryIssue[];
}

/** Lists every migration with its state; flags missing, edited and out-of-order ones. */
export async function history(options: HistoryOptions = {}): Promise<HistoryReport> {
  return withProject(options, async (session, ds) => {
    const { view, local } = await readHistory(ds);
    assertDistinctRevisions(local);
    const files = new Map(local.map((m) => [m.name, m.file]));
    return {
      current: view.head,
      migrations: view.entries.map((e) => {
        const file = files.get(e.name) ?? null;
        return { name: e.name, timestamp: e.timestamp, state: e.state, appliedAt: e.appliedAt, flags: e.flags, file: file ? relative(session.cwd, file) : null };
      }),
      issues: view.issues,
    };
  }, { entitiesOnDemand: true });
}
