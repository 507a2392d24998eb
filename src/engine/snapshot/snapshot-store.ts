import type { Client } from 'pg';
import { DbManageError } from '../errors/db-manage-error';
import { quoteIdent, quoteLiteral } from '../sql/quote';
import { cloneDatabase, databaseExists, dropDatabase, serverMajor } from './clone-database';
import {
  AUTO_KEEP,
  MAX_SNAPSHOT_NAME,
  assertSnapshotName,
  autoSnapshotName,
  byCreation,
  isAutoSnapshot,
  parseSnapshotLabel,
  snapshotDatabaseName,
  snapshotLabel,
  snapshotNameOf,
  snapshotPrefix,
  snapshotsToPrune,
} from './snapshot-name';
import { dropStaleIncoming, swapDatabase, transientName } from './swap-database';
import { commandLine } from '../text/command-line';

/** One snapshot of the project's database, as `snapshots` lists it. */
export interface SnapshotInfo {
  readonly name: string;
  /** The database that holds it on the same server. */
  readonly database: string;
  readonly createdAt: string | null;
  readonly sizeBytes: number;
  readonly auto: boolean;
}

/** The snapshots of `source`, newest first. */
export async function listSnapshots(client: Client, source: string): Promise<SnapshotInfo[]> {
  const prefix = snapshotPrefix(source);
  const { rows } = await client.query<{ datname: string; comment: string | null; size: string }>(
    `SELECT datname, shobj_description(oid, 'pg_database') AS comment, pg_database_size(oid)::bigint AS size
     FROM pg_database WHERE starts_with(datname, $1)`,
    [prefix],
  );
  const out: SnapshotInfo[] = [];
  for (const row of rows) {
    const name = snapshotNameOf(source, row.datname);
    if (!name) continue;
    const label = parseSnapshotLabel(row.comment);
    out.push({ name, database: row.datname, createdAt: label?.createdAt ?? null, sizeBytes: Number(row.size), auto: isAutoSnapshot(name) });
  }
  return out.sort(byCreation).reverse();
}

export async function findSnapshot(client: Client, source: string, name: string | undefined): Promise<SnapshotInfo> {
  const all = await listSnapshots(client, source);
  if (all.length === 0) {
    throw new DbManageError('name-not-found', `database ${source} has no snapshots`, { hint: `Take one with ${commandLine('snapshot')}` });
  }
  if (name === undefined) return all[0];
  const found = all.find((s) => s.name === name);
  if (found) return found;
  throw new DbManageError('name-not-found', `no snapshot named ${JSON.stringify(name)} for database ${source}`, {
    hint: `Snapshots: ${all.map((s) => s.name).join(', ')}`,
    details: { valid: all.map((s) => s.name) },
  });
}

export interface TakenSnapshot {
  readonly snapshot: SnapshotInfo;
  /** Other sessions on the source that were ended so it could be copied. */
  readonly terminated: number;
}

export async function takeSnapshot(client: Client, source: string, name: string, now = new Date()): Promise<TakenSnapshot> {
  assertSnapshotName(name);
  const database = snapshotDatabaseName(source, name);
  const exists = (cause?: unknown) =>
    new DbManageError('snapshot-exists', `snapshot ${JSON.stringify(name)} already exists for database ${source}`, {
      cause,
      hint: 'Choose another name, or omit it to use the current time',
    });
  if (await databaseExists(client, database)) throw exists();
  let terminated: number;
  try {
    ({ terminated } = await cloneDatabase(client, { source, target: database, owner: null }));
  } catch (err) {
    // Another snapshot of the same name was taken between the check and the copy.
    if (err instanceof DbManageError && err.code === 'snapshot-exists') throw exists(err);
    throw err;
  }
  try {
    const label = JSON.stringify(snapshotLabel(source, name, now));
    await client.query(`COMMENT ON DATABASE ${quoteIdent(database)} IS ${quoteLiteral(label)}`);
  } catch (err) {
    await dropDatabase(client, database, await serverMajor(client)).catch(() => undefined);
    throw new DbManageError('snapshot-failed', `cannot label snapshot ${name}: ${String((err as Error).message)}`, { cause: err });
  }
  const { rows } = await client.query<{ size: string }>('SELECT pg_database_size($1)::bigint AS size', [database]);
  return {
    snapshot: { name, database, createdAt: now.toISOString(), sizeBytes: Number(rows[0].size), auto: isAutoSnapshot(name) },
    terminated,
  };
}

export interface AutoSnapshot extends TakenSnapshot {
  /** Older automatic snapshots dropped to keep the newest AUTO_KEEP. */
  readonly pruned: readonly string[];
}

/** The snapshot a destructive command takes first, then the pruning of old ones. */
export async function takeAutoSnapshot(
  client: Client,
  source: string,
  action: string,
  protect: readonly string[] = [],
  now = new Date(),
): Promise<AutoSnapshot> {
  const numbered = (n: number) => (n === 1 ? autoSnapshotName(action, now) : `${autoSnapshotName(action, now).slice(0, MAX_SNAPSHOT_NAME - 3)}-${n}`);
  let n = 1;
  while (await databaseExists(client, snapshotDatabaseName(source, numbered(n)))) n++;
  let taken: TakenSnapshot;
  for (;;) {
    try {
      taken = await takeSnapshot(client, source, numbered(n), now);
      break;
    } catch (err) {
      // Two destructive commands in the same second: the later one takes the next number.
      if (!(err instanceof DbManageError && err.code === 'snapshot-exists') || n > 50) throw err;
      n++;
    }
  }
  const pruned = await pruneAutoSnapshots(client, source, AUTO_KEEP, protect);
  return { ...taken, pruned };
}

/** Drops the oldest automatic snapshots; `protect` names one about to be used (a restore's source). */
export async function pruneAutoSnapshots(client: Client, source: string, keep = AUTO_KEEP, protect: readonly string[] = []): Promise<string[]> {
  const doomed = snapshotsToPrune(await listSnapshots(client, source), keep).filter((s) => !protect.includes(s.name));
  const major = await serverMajor(client);
  for (const s of doomed) await dropDatabase(client, s.database, major);
  return doomed.map((s) => s.name);
}

export async function dropSnapshot(client: Client, source: string, name: string): Promise<SnapshotInfo> {
  const found = await findSnapshot(client, source, name);
  await dropDatabase(client, found.database, await serverMajor(client));
  return found;
}

export interface RestoredSnapshot {
  readonly terminated: number;
  readonly leftover?: string;
}

/**
 * Copies the snapshot (which stays, so it can be restored again) and swaps the copy in
 * for `target`. Until the swap commits, `target` is untouched.
 */
export async function restoreSnapshot(client: Client, target: string, snapshot: SnapshotInfo): Promise<RestoredSnapshot> {
  await dropStaleIncoming(client, target);
  const incoming = transientName(target, 'in');
  const owner = await client
    .query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [target])
    .then((r) => r.rows[0]?.owner ?? null);
  await cloneDatabase(client, { source: snapshot.database, target: incoming, owner });
  try {
    return await swapDatabase(client, incoming, target);
  } catch (err) {
    await dropDatabase(client, incoming, await serverMajor(client)).catch(() => undefined);
    throw err;
  }
}
