import { createHash } from 'node:crypto';
import { DbManageError } from '../errors/db-manage-error';

/** PostgreSQL truncates identifiers past 63 bytes; snapshot names must fit whole. */
const MAX_IDENTIFIER = 63;
const SOURCE_CHARS = 12;
/** 63 minus the longest prefix: 12 readable + __snap_ + 6 hex + __. */
export const MAX_SNAPSHOT_NAME = 36;
const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/** Automatic snapshots start with this; only they are pruned. */
export const AUTO_PREFIX = 'auto-';
export const AUTO_KEEP = 5;

/**
 * Every snapshot database of one source database starts with this. The readable part
 * says whose snapshot it is; the hash of the full source name keeps two databases
 * (two projects on one server, or names sharing their first characters) apart.
 */
export function snapshotPrefix(source: string): string {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 6);
  const readable = source.toLowerCase().replace(/[^a-z0-9_]+/g, '_').slice(0, SOURCE_CHARS);
  return `${readable}__snap_${hash}__`;
}

export function snapshotDatabaseName(source: string, name: string): string {
  const full = `${snapshotPrefix(source)}${name}`;
  // The prefix is at most 27 characters and names at most 36, so this always holds.
  if (Buffer.byteLength(full) > MAX_IDENTIFIER) throw new DbManageError('internal', `snapshot database name too long: ${full}`);
  return full;
}

/** The snapshot name a database name carries, or null if it is not one of source's snapshots. */
export function snapshotNameOf(source: string, database: string): string | null {
  const prefix = snapshotPrefix(source);
  return database.startsWith(prefix) && database.length > prefix.length ? database.slice(prefix.length) : null;
}

export function assertSnapshotName(name: string): void {
  if (name.length <= MAX_SNAPSHOT_NAME && NAME_PATTERN.test(name)) return;
  throw new DbManageError('usage', `invalid snapshot name ${JSON.stringify(name)}`, {
    hint: `Use up to ${MAX_SNAPSHOT_NAME} lower-case letters, digits, - and _, starting with a letter or digit`,
  });
}

/** 20250131-142501: sorts as time does, readable in a list. */
export function stamp(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}-${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`;
}

export function defaultSnapshotName(date: Date): string {
  return `snap-${stamp(date)}`;
}

/** e.g. auto-20250131-142501-reset-table; the command says why it was taken. */
export function autoSnapshotName(action: string, date: Date): string {
  const reason = action.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${AUTO_PREFIX}${stamp(date)}-${reason}`.slice(0, MAX_SNAPSHOT_NAME).replace(/-+$/, '');
}

export function isAutoSnapshot(name: string): boolean {
  return name.startsWith(AUTO_PREFIX);
}

/** What db-manage writes into the snapshot database's comment. */
export interface SnapshotLabel {
  readonly tool: 'db-manage';
  readonly source: string;
  readonly name: string;
  readonly createdAt: string;
}

export function snapshotLabel(source: string, name: string, createdAt: Date): SnapshotLabel {
  return { tool: 'db-manage', source, name, createdAt: createdAt.toISOString() };
}

export function parseSnapshotLabel(comment: string | null): SnapshotLabel | null {
  if (!comment) return null;
  try {
    const value = JSON.parse(comment) as Partial<SnapshotLabel>;
    if (value.tool !== 'db-manage' || typeof value.source !== 'string' || typeof value.name !== 'string') return null;
    if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) return null;
    return value as SnapshotLabel;
  } catch {
    return null;
  }
}

export interface SnapshotEntry {
  readonly name: string;
  readonly createdAt: string | null;
}

/** Oldest first; entries without a time sort by name before dated ones. */
export function byCreation(a: SnapshotEntry, b: SnapshotEntry): number {
  const ta = a.createdAt ?? '';
  const tb = b.createdAt ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The automatic snapshots beyond the newest `keep`; manual snapshots are never pruned. */
export function snapshotsToPrune<T extends SnapshotEntry>(entries: readonly T[], keep = AUTO_KEEP): T[] {
  const autos = entries.filter((e) => isAutoSnapshot(e.name)).sort(byCreation);
  return autos.slice(0, Math.max(0, autos.length - keep));
}
