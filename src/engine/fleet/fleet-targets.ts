import { createHash } from 'node:crypto';
import { maskUrl } from '../config/mask-url';
import { driverConfig } from '../config/driver-url';
import { DbManageError } from '../errors/db-manage-error';

/** One member of a fleet: a database of its own (a URL), or a schema of the data source's database. */
export type FleetTarget =
  | { readonly kind: 'database'; readonly url: string; readonly name: string; readonly line: number }
  | { readonly kind: 'schema'; readonly schema: string; readonly name: string; readonly line: number };

/** What makes two targets the same, whatever their passwords or spelling: where the driver connects. */
export function targetIdentity(target: FleetTarget): string {
  if (target.kind === 'schema') return `schema=${target.schema}`;
  const c: { host?: string | null; port?: string | null; database?: string | null; user?: string } = driverConfig(target.url) ?? {};
  // pg's own defaults where the URL says nothing (an empty port is 5432 to the driver).
  return `${c.host || 'localhost'}:${c.port || '5432'}/${c.database || c.user || ''}`;
}

/** A line as it may be shown: PostgreSQL URLs masked as everywhere, and the password of any other `scheme://user:password@`. */
function shown(text: string): string {
  return maskUrl(text).replace(/(:\/\/[^:/@\s]*:)[^@\s]+@/g, '$1***@');
}

function invalid(source: string, line: number, what: string, text: string): DbManageError {
  return new DbManageError('config-invalid', `${source} line ${line}: ${what}: ${shown(text)}`, {
    hint: 'One target a line: a postgres:// URL (a database per tenant) or schema=NAME (a schema of the data source\'s database); # starts a comment',
    details: { line },
  });
}

/**
 * Reads a targets file (or standard input): one target a line, a PostgreSQL URL or
 * `schema=NAME`, with `#` comments and blank lines. A line that is neither, or a target
 * given twice, is refused with its line number, before anything connects.
 */
export function parseTargets(text: string, source: string): FleetTarget[] {
  const out: FleetTarget[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, k) => {
    const line = k + 1;
    const entry = raw.replace(/(^|\s)#.*$/, '').trim();
    if (entry === '') return;
    let target: FleetTarget;
    const schema = /^schema\s*=\s*(.+)$/i.exec(entry);
    if (schema) {
      const name = schema[1].trim();
      // PostgreSQL would cut a longer name, so two tenants could share one schema.
      if (Buffer.byteLength(name, 'utf8') > 63) throw invalid(source, line, 'a schema name longer than 63 bytes, which PostgreSQL would cut', entry);
      if (/^pg_/i.test(name) || name.includes('\u0000')) throw invalid(source, line, 'not a name a schema can have (pg_ is reserved)', entry);
      // TypeORM quotes the history table's schema without doubling a quote inside it.
      if (name.includes('"')) throw invalid(source, line, "a schema name with a double quote, which TypeORM's migrations table cannot be kept in", entry);
      target = { kind: 'schema', schema: name, name: `schema=${name}`, line };
    } else if (/^postgres(ql)?:\/\//i.test(entry) && driverConfig(entry)) {
      target = { kind: 'database', url: entry, name: maskUrl(entry), line };
    } else {
      throw invalid(source, line, 'not a postgres:// URL or schema=NAME', entry);
    }
    const identity = targetIdentity(target);
    const first = seen.get(identity);
    if (first !== undefined) throw invalid(source, line, `the same target as line ${first}`, entry);
    seen.set(identity, line);
    out.push(target);
  });
  if (out.length === 0) {
    throw new DbManageError('config-invalid', `${source} lists no targets`, {
      hint: 'Put one target a line: a postgres:// URL or schema=NAME',
    });
  }
  return out;
}

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** "2/4" → { index: 2, count: 4 }. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new DbManageError('usage', `--shard ${text} is not I/N with 1 ≤ I ≤ N`, { hint: 'For example --shard 1/4 in the first of four CI jobs' });
  }
  return { index, count };
}

/**
 * The targets one shard takes: each target belongs to exactly one shard, by a hash of where
 * it connects, so N jobs cover the fleet once whatever order the file lists it in, and a
 * target keeps its shard when others are added or removed.
 */
export function shardOf(targets: readonly FleetTarget[], shard: Shard): FleetTarget[] {
  return targets.filter((t) => {
    const hash = createHash('sha256').update(targetIdentity(t)).digest();
    return hash.readUInt32BE(0) % shard.count === shard.index - 1;
  });
}
