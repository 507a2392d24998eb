import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import type { DataSource, MigrationInterface } from 'typeorm';
import { localMigrations } from '../history/local-migrations';
import type { LocalRevision } from '../revisions/revision-entry';
import { sourceChecksum } from '../revisions/source-checksum';

/** A migration of the project, its class instance and the file it came from. */
export interface LocalMigration extends LocalRevision {
  readonly instance: MigrationInterface;
  /** null when no loaded module exports the class. */
  readonly file: string | null;
}

type Ctor = abstract new (...args: never[]) => unknown;

/**
 * Which loaded files export each class. TypeORM requires migration files itself (or the
 * data source imports them), so require.cache knows every one; node_modules is skipped.
 */
function exportingFiles(): Map<unknown, string[]> {
  const out = new Map<unknown, string[]>();
  const add = (value: unknown, file: string) => {
    if (typeof value !== 'function') return;
    const files = out.get(value) ?? [];
    if (!files.includes(file)) files.push(file);
    out.set(value, files);
  };
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!mod || file.includes(`${sep}node_modules${sep}`)) continue;
    try {
      const exported = mod.exports as unknown;
      add(exported, file);
      if (exported && typeof exported === 'object') for (const value of Object.values(exported)) add(value, file);
    } catch {
      // a getter that throws exports nothing we want
    }
  }
  return out;
}

/** A class re-exported by a barrel has several files; the one that declares it wins. */
function declaringFile(ctor: Ctor, files: readonly string[], read: (file: string) => string | null): string | null {
  if (files.length <= 1) return files[0] ?? null;
  const declaration = new RegExp(`\\bclass\\s+${ctor.name}\\b`);
  return files.find((f) => declaration.test(read(f) ?? '')) ?? files[0];
}

/** The project's migrations, sorted, each with the checksum of its source file as it is on disk now. */
export function loadLocalMigrations(source: DataSource | readonly MigrationInterface[]): LocalMigration[] {
  const files = exportingFiles();
  const texts = new Map<string, string | null>();
  const read = (file: string): string | null => {
    if (!texts.has(file)) {
      try {
        texts.set(file, readFileSync(file, 'utf8'));
      } catch {
        texts.set(file, null);
      }
    }
    return texts.get(file) ?? null;
  };
  return localMigrations(source).map((m) => {
    const ctor = m.instance.constructor as Ctor;
    const file = declaringFile(ctor, files.get(ctor) ?? [], read);
    const text = file ? read(file) : null;
    return { name: m.name, timestamp: m.timestamp, instance: m.instance, file, checksum: text === null ? null : sourceChecksum(text) };
  });
}
