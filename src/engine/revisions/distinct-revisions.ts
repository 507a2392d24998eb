import { DbManageError } from '../errors/db-manage-error';
import type { MigrationRef } from '../history/migration-ref';

/**
 * Two migrations with one timestamp have no defined order (a merge of two branches
 * usually causes it), and two with one name share a history row.
 */
export function assertDistinctRevisions(local: readonly MigrationRef[]): void {
  const byName = new Map<string, number>();
  const byTimestamp = new Map<number, string>();
  for (const m of local) {
    if (byName.has(m.name)) {
      throw new DbManageError('history-conflict', `two migrations are named ${m.name}`, {
        hint: 'Rename one of them (class and file) with a newer timestamp',
        details: { kind: 'duplicate-name', names: [m.name] },
      });
    }
    byName.set(m.name, m.timestamp);
    const other = byTimestamp.get(m.timestamp);
    if (other !== undefined) {
      throw new DbManageError('history-conflict', `${other} and ${m.name} have the same timestamp ${m.timestamp}`, {
        hint: 'Give the newer one a later timestamp (rename its class and file) so the order is defined',
        details: { kind: 'duplicate-timestamp', names: [other, m.name], timestamp: m.timestamp },
      });
    }
    byTimestamp.set(m.timestamp, m.name);
  }
}
