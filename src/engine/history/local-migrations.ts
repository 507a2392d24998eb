import type { DataSource, MigrationInterface } from 'typeorm';
import { DbManageError } from '../errors/db-manage-error';
import { compareRefs, timestampOf, type MigrationRef } from './migration-ref';
import { commandLine } from '../text/command-line';

export interface LocalMigration extends MigrationRef {
  readonly instance: MigrationInterface;
}

/**
 * The migrations TypeORM loaded from the data source (or instances built from its options
 * alone, without entity metadata), sorted by timestamp then name.
 */
export function localMigrations(source: DataSource | readonly MigrationInterface[]): LocalMigration[] {
  const out: LocalMigration[] = [];
  const instances = 'migrations' in source ? source.migrations : source;
  for (const instance of instances) {
    const name = instance.name ?? instance.constructor.name;
    const timestamp = timestampOf(name);
    if (timestamp === null) {
      throw new DbManageError('config-invalid', `migration class ${name} has no 13-digit timestamp at the end of its name`, {
        hint: `Name migration classes like AddPhone1732200000000, as ${commandLine('migrate')} does`,
      });
    }
    out.push({ name, timestamp, instance });
  }
  return out.sort(compareRefs);
}
