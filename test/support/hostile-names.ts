import { storedName } from '../../src/engine/model/stored-names';
import type { ResetProjectTable } from './reset-project';

/** Characters that break naive quoting and naive "schema.table" keys, and multi-byte ones. */
const POOL = ['a', 'q', 'Z', '_', '0', ' ', '.', '.', '"', "'", ';', '-', '\\', '$', '(', 'é', 'ß', '表', '€', '😀'];

/** A random valid PostgreSQL identifier of `min`–`max` bytes (as declared; PostgreSQL keeps 63). */
export function hostileName(random: () => number, min = 1, max = 63): string {
  const target = min + Math.floor(random() * (max - min + 1));
  let name = '';
  for (;;) {
    const next = POOL[Math.floor(random() * POOL.length)];
    if (Buffer.byteLength(name + next, 'utf8') > target) break;
    name += next;
  }
  return name || 'x';
}

/**
 * A schema name PostgreSQL accepts (not pg_…, not information_schema). One starting with "-"
 * reaches the CLI after `--`, as a user must write it.
 */
function schemaName(random: () => number): string {
  for (;;) {
    const name = hostileName(random, 1, 40);
    if (!/^pg_/i.test(name) && name !== 'information_schema' && name !== 'public') return name;
  }
}

export interface HostileLayout {
  /** The tables the entities manage; the first always has a dot in its name, the last a declared name over 63 bytes. */
  readonly tables: readonly ResetProjectTable[];
  /** An unmanaged table whose "schema.table" spells the same string as the first managed one's. */
  readonly decoy: { readonly schema: string; readonly table: string };
}

/**
 * Three managed tables with hostile names in two schemas, and a decoy: for a managed
 * "s"."a.b", an unmanaged "s.a"."b", so any code keyed by `schema || '.' || name`
 * confuses the two.
 */
export function hostileLayout(random: () => number): HostileLayout {
  for (;;) {
    const schema = schemaName(random);
    const other = random() < 0.3 ? 'public' : schemaName(random);
    const left = hostileName(random, 1, 20);
    const right = hostileName(random, 1, 20);
    const first = { schema, table: `${left}.${right}`, column: hostileName(random) };
    const second = { schema: other, table: hostileName(random), column: hostileName(random) };
    // Declared longer than PostgreSQL keeps: the migration applies, the names are cut to 63 bytes.
    const third = { schema: other, table: `${hostileName(random, 10, 20)}${'_long'.repeat(13)}`, column: `${hostileName(random, 1, 10)}${'c'.repeat(64)}` };
    const tables = [first, second, third];
    const decoy = { schema: `${schema}.${left}`, table: right };
    const pairs = tables.map((t) => JSON.stringify([storedName(t.schema), storedName(t.table)]));
    const columns = tables.map((t) => storedName(t.column));
    const fits = Buffer.byteLength(decoy.schema, 'utf8') <= 63 && !/^pg_/i.test(decoy.schema);
    if (new Set(pairs).size === 3 && columns.every((c) => c !== 'id') && fits && schema !== other) return { tables, decoy };
  }
}
