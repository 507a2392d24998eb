/**
 * The libpq variables that point a client program at `url`. The password travels in
 * the child's environment, never on its command line where `ps` would show it.
 */
export function libpqEnv(url: string, database?: string): Record<string, string> {
  const parsed = new URL(url);
  const env: Record<string, string> = {};
  const host = decodeURIComponent(parsed.hostname) || parsed.searchParams.get('host') || '';
  if (host) env.PGHOST = host.replace(/^\[|\]$/g, '');
  if (parsed.port) env.PGPORT = parsed.port;
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  env.PGDATABASE = database ?? (decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres');
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  env.PGAPPNAME = 'db-manage';
  return env;
}
