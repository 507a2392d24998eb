import type { ApiOptions } from './api-options';
import { init, type InitReport } from './init';
import { migrate, type MigrateReport } from './migrate';
import { upgrade, type UpgradeReport } from './upgrade';

export const INITIAL_MIGRATION_MESSAGE = 'Initial migration';

export interface SetupReport {
  readonly init: InitReport;
  /** Migrations that were pending before anything was generated. */
  readonly caughtUp: UpgradeReport;
  /** The generated migration, or `changed: false` when the entities already matched. */
  readonly migration: MigrateReport;
  /** The generated migration, applied; null when nothing was generated. */
  readonly applied: UpgradeReport | null;
}

/**
 * From nothing to a database that matches the entities, and idempotent: scaffold what is
 * missing, apply pending migrations, generate "Initial migration" only when the entities
 * still differ, and apply it.
 */
export async function setup(options: ApiOptions = {}): Promise<SetupReport> {
  const step = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    options.onProgress?.({ kind: 'notice', message: label });
    return fn();
  };
  const initReport = await init(options);
  const caughtUp = await step('Applying pending migrations', () => upgrade(options));
  const migration = await step('Comparing the entities with the database', () =>
    migrate({ ...options, message: INITIAL_MIGRATION_MESSAGE }),
  );
  const applied = migration.changed ? await step('Applying the new migration', () => upgrade(options)) : null;
  return { init: initReport, caughtUp, migration, applied };
}
