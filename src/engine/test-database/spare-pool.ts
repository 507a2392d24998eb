import { Client, type Pool } from 'pg';
import { quoteIdent } from '../sql/quote';
import { cloneTemplate } from './template-store';
import { advisoryKey, spareName } from './template-names';

// "does not exist": another process claimed it first; "in use": someone connected to it.
const CLAIM_RACES = new Set(['3D000', '55006']);

/**
 * Claims a ready clone by renaming it to `name`. The rename is atomic and takes a
 * millisecond, so two processes never share a spare, and a test pays nothing for the copy.
 */
export async function claimSpare(pool: Pool, prefix: string, name: string): Promise<boolean> {
  // Random order: processes that claim at the same moment rarely contend for one spare.
  const { rows } = await pool.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY random()',
    [prefix],
  );
  for (const { datname } of rows) {
    try {
      await pool.query(`ALTER DATABASE ${quoteIdent(datname)} RENAME TO ${quoteIdent(name)}`);
      return true;
    } catch (err) {
      if (!CLAIM_RACES.has(String((err as { code?: unknown }).code))) throw err;
    }
  }
  return false;
}

export async function countSpares(client: Pool | Client, prefix: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
  return rows[0]?.n ?? 0;
}

export interface SpareSettings {
  /** The server's maintenance database, for CREATE DATABASE. */
  readonly adminUrl: string;
  readonly template: string;
  readonly prefix: string;
  /** How many ready clones to keep; 0 turns the pool off. */
  readonly size: number;
  /**
   * Keep the process alive until the top-up ends. Off for the helper, whose top-ups run
   * unawaited in the background; on for a caller that awaits `topUp()` with nothing else to do.
   */
  readonly holdProcess?: boolean;
}

/**
 * Keeps `size` clones of the template ready on the server, IntegreSQL's trick: the clone
 * (hundreds of milliseconds at a hundred tables) happens between tests instead of in one.
 * Spares live on the server, so they outlast the process and serve the next test run too.
 */
export class SparePool {
  private filling: Promise<void> | null = null;
  /** A top-up was asked for since the running fill began: a spare may have been claimed after its last count. */
  private asked = false;
  /** Why the last top-up stopped early, for diagnostics; a spare is only ever an optimisation. */
  lastError: unknown = null;

  constructor(readonly settings: SpareSettings) {}

  /**
   * Tops the spares up in the background. Asked while a fill runs, it fills again after it,
   * so a spare claimed after that fill's last count is replaced too.
   */
  topUp(): Promise<void> {
    if (this.settings.size <= 0) return Promise.resolve();
    this.asked = true;
    this.filling ??= this.fillWhileAsked().finally(() => {
      this.filling = null;
    });
    return this.filling;
  }

  private async fillWhileAsked(): Promise<void> {
    while (this.asked) {
      this.asked = false;
      await this.fill();
    }
  }

  private async fill(): Promise<void> {
    const { adminUrl, template, prefix, size } = this.settings;
    const client = new Client({ connectionString: adminUrl });
    client.on('error', () => undefined);
    // Never keeps a finished test process alive: if it exits mid-clone, the server still
    // completes the CREATE DATABASE (a spare is visible only once whole) and frees the lock.
    // (pg's Client has unref(); its type declarations omit it.)
    if (!this.settings.holdProcess) (client as unknown as { unref(): void }).unref();
    try {
      await client.connect();
      const [a, b] = advisoryKey(prefix);
      // One filler per template on a server: concurrent test files do not clone in a stampede.
      const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS got', [a, b]);
      if (!rows[0]?.got) return;
      while ((await countSpares(client, prefix)) < size) await cloneTemplate(client, template, spareName(prefix));
    } catch (err) {
      this.lastError = err;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Drops spares of other templates in the family: their migrations no longer exist. */
export async function pruneSpares(pool: Pool, familyPrefix: string, keepPrefix: string): Promise<string[]> {
  const { rows } = await pool.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND NOT starts_with(datname, $2)',
    [familyPrefix, keepPrefix],
  );
  const dropped: string[] = [];
  for (const { datname } of rows) {
    try {
      await pool.query(`DROP DATABASE ${quoteIdent(datname)}`);
      dropped.push(datname);
    } catch {
      // Claimed (renamed) by another process a moment ago: nothing to prune.
    }
  }
  return dropped;
}
