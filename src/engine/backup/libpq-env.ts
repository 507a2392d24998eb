import { driverTarget } from '../config/driver-url';
import { DbManageError } from '../errors/db-manage-error';

/**
 * The libpq variables that point a client program at `url`, read as node-postgres reads
 * it so pg_dump reaches the server the rest of db-manage talks to (`?host=` included). The
 * password travels in the child's environment, never on its command line where `ps` would show it.
 */
export function libpqEnv(url: string, database?: string): Record<string, string> {
  const target = driverTarget(url);
  if (!target) throw new DbManageError('config-invalid', 'DATABASE_URL is not a valid URL', { hint: 'Use the form postgres://user:password@host:5432/database' });
  const env: Record<string, string> = {};
  if (target.host) env.PGHOST = target.host;
  if (target.port) env.PGPORT = target.port;
  if (target.user) env.PGUSER = target.user;
  if (target.password) env.PGPASSWORD = target.password;
  env.PGDATABASE = database ?? target.database ?? 'postgres';
  if (target.sslmode) env.PGSSLMODE = target.sslmode;
  env.PGAPPNAME = 'db-manage';
  return env;
}
