import type { DataSource } from 'typeorm';
import { buildHistory } from '../revisions/build-history';
import type { HistoryView } from '../revisions/revision-entry';
import { historyStore, readAppliedRevisions } from './history-store';
import { loadLocalMigrations, type LocalMigration } from './migration-sources';
import { runnerError } from './runner-error';

export interface HistorySnapshot {
  readonly view: HistoryView;
  readonly local: readonly LocalMigration[];
}

/** The history as it is now, for read-only commands: no lock, nothing created. */
export async function readHistory(ds: DataSource): Promise<HistorySnapshot> {
  const local = loadLocalMigrations(ds);
  const applied = await runnerError(() => readAppliedRevisions(ds, historyStore(ds)));
  return { view: buildHistory(local, applied), local };
}
