import type { Client, Pool, PoolClient } from 'pg';
import { quoteIdent } from '../sql/quote';
import { advisoryKey } from './template-names';

export async function templateExists(pool: Pool, name: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate', [name]);
  return (rowCount ?? 0) > 0;
}

/**
 * Builds the template once per server: the first caller holds an advisory lock while it
 * builds under a temporary name and renames it into place, so concurrent test files
 * wait for it instead of building their own, and a crash never leaves half a template.
 */
export async function ensureTemplate(pool: Pool, name: string, build: (database: string) => Promise<void>): Promise<'built' | 'existing'> {
  if (await templateExists(pool, name)) return 'existing';
  const client = await pool.connect();
  const [a, b] = advisoryKey(name);
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [a, b]);
    try {
      if (await templateExists(pool, name)) return 'existing';
      const building = `${name}_build`;
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(building)}`);
      await client.query(`CREATE DATABASE ${quoteIdent(building)}`);
      try {
        await build(building);
        await client.query(`ALTER DATABASE ${quoteIdent(building)} RENAME TO ${quoteIdent(name)}`);
      } catch (err) {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(building)}`).catch(() => undefined);
        throw err;
      }
      // No one may connect to a template: a stray session would make every clone wait.
      await client.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
      return 'built';
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [a, b]);
    }
  } finally {
    client.release();
  }
}

/** Removes the family's other templates: they belong to migrations that no longer exist. */
export async function pruneTemplates(pool: Pool, prefix: string, keep: string): Promise<string[]> {
  const { rows } = await pool.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND datname <> $2 AND datistemplate',
    [prefix, keep],
  );
  const dropped: string[] = [];
  for (const { datname } of rows) {
    try {
      await pool.query(`ALTER DATABASE ${quoteIdent(datname)} WITH IS_TEMPLATE false`);
      await pool.query(`DROP DATABASE ${quoteIdent(datname)}`);
      dropped.push(datname);
    } catch {
      // Being cloned right now by a run on older migrations: the next prune gets it.
    }
  }
  return dropped;
}

export async function cloneTemplate(client: Pool | PoolClient | Client, template: string, name: string): Promise<void> {
  await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
}
