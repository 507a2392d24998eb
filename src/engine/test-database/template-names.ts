import { createHash, randomBytes } from 'node:crypto';

/** The migrations that define a template: name and source checksum, in order. */
export interface MigrationFingerprint {
  readonly name: string;
  readonly checksum: string | null;
}

const hash = (text: string, n: number) => createHash('sha256').update(text).digest('hex').slice(0, n);

/**
 * `<project db>__tpl_<db hash>_`, `<project db>__test_<db hash>_` and
 * `<project db>__spare_<db hash>_`: readable, and apart for two projects on one server.
 */
export function familyPrefix(source: string, role: 'tpl' | 'test' | 'spare'): string {
  const readable = source.toLowerCase().replace(/[^a-z0-9_]+/g, '_').slice(0, 12);
  return `${readable}__${role}_${hash(source, 6)}_`;
}

/** Any change to any migration (added, removed, renamed, edited) gives a new template. */
export function migrationsKey(migrations: readonly MigrationFingerprint[]): string {
  return hash(JSON.stringify(migrations.map((m) => [m.name, m.checksum])), 12);
}

export function templateName(source: string, migrations: readonly MigrationFingerprint[]): string {
  return `${familyPrefix(source, 'tpl')}${migrationsKey(migrations)}`;
}

/** Spares are clones of one template waiting to be claimed: the key keeps templates apart. */
export function sparePrefix(source: string, migrations: readonly MigrationFingerprint[]): string {
  return `${familyPrefix(source, 'spare')}${migrationsKey(migrations)}_`;
}

export function spareName(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

export function testDatabaseName(source: string): string {
  return `${familyPrefix(source, 'test')}${randomBytes(5).toString('hex')}`;
}

/** Two 32-bit halves of a stable key, for pg_advisory_lock(int, int). */
export function advisoryKey(name: string): readonly [number, number] {
  const digest = createHash('sha256').update(name).digest();
  return [digest.readInt32BE(0), digest.readInt32BE(4)];
}
