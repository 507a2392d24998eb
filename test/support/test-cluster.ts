import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Client } from 'pg';

/** Variables the runner sets for every test process. */
export const TEST_CLUSTER_ENV = {
  dir: 'DBM_TEST_PG_DIR',
  port: 'DBM_TEST_PG_PORT',
  url: 'DBM_TEST_PG_URL',
} as const;

/** A PostgreSQL server the integration and CLI tiers run against. */
export interface TestTarget {
  readonly name: 'embedded' | 'external';
  /** URL of an existing database on the server with rights to create databases. */
  readonly adminUrl: string;
}

/**
 * The servers a test file runs on: the embedded test cluster always, the external server
 * too when TEST_DATABASE_URL is set. With TEST_SERVERS=split (what `npm test` sets), a file
 * of the CLI and fault tiers runs on one of them, alternating by its place in its folder, so
 * each server gets half of those files; the integration tier runs on both always, and
 * `npm run test:both` runs every file on both.
 */
export function testTargets(): TestTarget[] {
  const out: TestTarget[] = [embeddedTarget()];
  if (process.env.TEST_DATABASE_URL) out.push({ name: 'external', adminUrl: process.env.TEST_DATABASE_URL });
  if (process.env.TEST_SERVERS !== 'split' || out.length === 1) return out;
  const file = process.argv[1] ?? '';
  const dir = dirname(file);
  if (!SPLIT_TIERS.includes(basename(dir))) return out;
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort();
  const place = files.indexOf(basename(file));
  return place < 0 ? out : [out[place % out.length]];
}

const SPLIT_TIERS = ['cli', 'faults'];

/** The embedded test cluster: for what only it can show (a password it checks, a terminal run against it). */
export function embeddedTarget(): TestTarget {
  const embedded = process.env[TEST_CLUSTER_ENV.url];
  if (!embedded) throw new Error('the test cluster is not running: run the tests with npm test');
  return { name: 'embedded', adminUrl: withDatabase(embedded, 'postgres') };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function adminQuery<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A database of its own for one test file; dropped by `drop()`. */
export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  readonly target: TestTarget;
  drop(): Promise<void>;
}

let counter = 0;

export async function createScratchDatabase(target: TestTarget, label: string): Promise<ScratchDatabase> {
  const name = `dbm_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase().slice(0, 30)}_${process.pid}_${counter++}`;
  await adminQuery(target.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(target.adminUrl, `CREATE DATABASE "${name}"`);
  return {
    name,
    url: withDatabase(target.adminUrl, name),
    target,
    drop: () => adminQuery(target.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined),
  };
}

/**
 * The environment that points the toolkit at a scratch database: through DATABASE_URL
 * for the external face, or through the embedded-server settings for the embedded face.
 */
export function targetEnv(db: ScratchDatabase): Record<string, string | undefined> {
  if (db.target.name === 'external') return { DATABASE_URL: db.url };
  return {
    DATABASE_URL: undefined,
    DB_MANAGE_PG_DIR: process.env[TEST_CLUSTER_ENV.dir],
    DB_MANAGE_PG_PORT: process.env[TEST_CLUSTER_ENV.port],
    DB_MANAGE_PG_DATABASE: db.name,
  };
}

/** `targetEnv` merged over the real environment, for API calls that take `env`. */
export function apiEnv(db: ScratchDatabase): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, ...targetEnv(db) };
  if (db.target.name === 'embedded') delete env.DATABASE_URL;
  return env;
}
