import { createHash, randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { DbManageError } from '../errors/db-manage-error';
import { quoteIdent } from '../sql/quote';
import { dropDatabase, serverMajor, whileFree } from './clone-database';

export interface SwapResult {
  /** Sessions on the target that had to be ended. */
  readonly terminated: number;
  /** Set when the old copy could not be dropped: it is still there under this name. */
  readonly leftover?: string;
}

/** What every transient database of `target` starts with; the hash keeps targets apart. */
export function transientPrefix(target: string, role: 'in' | 'out'): string {
  const hash = createHash('sha256').update(target).digest('hex').slice(0, 6);
  return `${target.slice(0, 30)}__dbm_${role}_${hash}_`;
}

/** A name for a database on its way in or out, recognisable and unique. */
export function transientName(target: string, role: 'in' | 'out'): string {
  return `${transientPrefix(target, role)}${randomBytes(4).toString('hex')}`;
}

/**
 * Incoming copies left by a restore that was killed before its swap: they never held
 * the user's data in place, so removing them loses nothing.
 */
export async function dropStaleIncoming(client: Client, target: string): Promise<string[]> {
  const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [
    transientPrefix(target, 'in'),
  ]);
  const major = await serverMajor(client);
  for (const row of rows) await dropDatabase(client, row.datname, major);
  return rows.map((r) => r.datname);
}

/**
 * Puts `replacement` in the place of `target`. Both renames happen in one transaction,
 * so at every instant exactly one database answers to the target's name: a failure
 * leaves the user's database as it was.
 */
export async function swapDatabase(client: Client, replacement: string, target: string): Promise<SwapResult> {
  const retired = transientName(target, 'out');
  let terminated: number;
  try {
    terminated = await whileFree(client, target, async () => {
      await client.query('BEGIN');
      try {
        await client.query(`ALTER DATABASE ${quoteIdent(target)} RENAME TO ${quoteIdent(retired)}`);
        await client.query(`ALTER DATABASE ${quoteIdent(replacement)} RENAME TO ${quoteIdent(target)}`);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  } catch (err) {
    throw new DbManageError('snapshot-failed', `cannot swap the copy into place: ${String((err as Error).message ?? err)}`, {
      cause: err,
      hint: `Database ${target} was not changed`,
    });
  }
  try {
    await dropDatabase(client, retired, await serverMajor(client));
    return { terminated };
  } catch {
    return { terminated, leftover: retired };
  }
}
