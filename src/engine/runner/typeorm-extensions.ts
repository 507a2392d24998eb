import type { DataSource } from 'typeorm';
import { WANTS_EXTENSIONS } from '../connection/with-data-source';

/**
 * What TypeORM does when its DataSource connects and then runs migrations: it creates the
 * extensions the entities need (`uuid-ossp` for uuid keys, hstore, citext, ltree, postgis,
 * the data source's `extensions` list). Migrations TypeORM generated rely on that and never
 * create them, so upgrade does the same before it applies anything, unless the data source
 * says `installExtensions: false`. db-manage's DataSource connects with it off (read-only
 * commands never write), so the driver's own step is run here, once, on purpose.
 */
export async function installTypeormExtensions(ds: DataSource): Promise<void> {
  if ((ds.options as { [WANTS_EXTENSIONS]?: boolean })[WANTS_EXTENSIONS] !== true) return;
  const options = ds.driver.options as { installExtensions?: boolean };
  const before = options.installExtensions;
  options.installExtensions = true;
  try {
    await (ds.driver as unknown as { afterConnect(): Promise<void> }).afterConnect();
  } finally {
    options.installExtensions = before;
  }
}
