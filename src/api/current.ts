import type { MigrationRef } from '../engine/history/migration-ref';
import type { HistoryIssue } from '../engine/revisions/revision-entry';
import { readHistory } from '../engine/runner/read-history';
import type { ApiOptions } from './api-options';
import { withProject } from './project-session';

export type CurrentOptions = ApiOptions;

export interface CurrentReport {
  /** The applied head; null at base. */
  readonly current: (MigrationRef & { readonly appliedAt: string | null }) | null;
  readonly pending: number;
  readonly issues: readonly HistoryIssue[];
}

/** The applied head, how many migrations are pending, and what is wrong with the history. */
export async function current(options: CurrentOptions = {}): Promise<CurrentReport> {
  return withProject(options, async (_session, ds) => {
    const { view } = await readHistory(ds);
    const head = view.head ? view.entries.find((e) => e.name === view.head?.name) : undefined;
    return {
      current: head ? { name: head.name, timestamp: head.timestamp, appliedAt: head.appliedAt } : null,
      pending: view.entries.filter((e) => e.state === 'pending').length,
      issues: view.issues,
    };
  }, { entitiesOnDemand: true });
}
