import { resolve } from 'node:path';
import { Client } from 'pg';
import { databaseUrl, startServer, stopServer } from '../../src/api';
import { stringArg } from './args';

export const ROOT = resolve(__dirname, '..', '..');

/**
 * Where the bench cluster keeps its data: `--embedded-dir` (or BENCH_PG_DIR), else inside the
 * project. A run can move it to another file system (a tmpfs, say) when the project's own one
 * times file creation by its history rather than by the work (see bench/RESULTS.md).
 */
const BENCH_EMBEDDED_DIR_ARG = stringArg('embedded-dir');

/** The benchmarks' own embedded cluster, so they never stop a developer's or a test run's. */
export const BENCH_EMBEDDED_ENV: Readonly<Record<string, string | undefined>> = {
  DATABASE_URL: undefined,
  // Absolute: the benchmarks run db-manage with the synthetic project as its working folder.
  DB_MANAGE_PG_DIR: resolve(ROOT, BENCH_EMBEDDED_DIR_ARG ?? process.env.BENCH_PG_DIR ?? '.db-manage/bench-postgres'),
  DB_MANAGE_PG_PORT: process.env.BENCH_PG_PORT ?? '54344',
};

export const EXTERNAL_ADMIN_URL = process.env.BENCH_EXTERNAL_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A PostgreSQL server the benchmarks create their `bench_*` databases on. */
export interface BenchServer {
  readonly name: 'embedded' | 'external';
  /** An existing database with the right to create others. */
  readonly adminUrl: string;
  readonly version: string;
  urlOf(database: string): string;
  /** The environment that points db-manage (and the synthetic data source) at `database`. */
  envFor(database: string): Record<string, string | undefined>;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function adminQuery<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function embeddedEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, ...BENCH_EMBEDDED_ENV };
  delete env.DATABASE_URL;
  return env;
}

async function versionOf(url: string): Promise<string> {
  const rows = await adminQuery<{ v: string }>(url, `SELECT current_setting('server_version') AS v`);
  return rows[0]?.v ?? 'unknown';
}

export async function startBenchEmbedded(): Promise<BenchServer> {
  const env = embeddedEnv();
  await startServer({ cwd: ROOT, env });
  const adminUrl = withDatabase(databaseUrl({ cwd: ROOT, env }), 'postgres');
  return {
    name: 'embedded',
    adminUrl,
    version: await versionOf(adminUrl),
    urlOf: (db) => withDatabase(adminUrl, db),
    envFor: (db) => ({ ...BENCH_EMBEDDED_ENV, DB_MANAGE_PG_DATABASE: db, BENCH_DATABASE_URL: withDatabase(adminUrl, db) }),
  };
}

export async function stopBenchEmbedded(): Promise<void> {
  await stopServer({ cwd: ROOT, env: embeddedEnv() });
}

/** The external server, or null when it does not answer (the benchmark then says so). */
export async function connectExternal(): Promise<BenchServer | null> {
  try {
    const version = await versionOf(EXTERNAL_ADMIN_URL);
    return {
      name: 'external',
      adminUrl: EXTERNAL_ADMIN_URL,
      version,
      urlOf: (db) => withDatabase(EXTERNAL_ADMIN_URL, db),
      envFor: (db) => ({ DATABASE_URL: withDatabase(EXTERNAL_ADMIN_URL, db), BENCH_DATABASE_URL: withDatabase(EXTERNAL_ADMIN_URL, db) }),
    };
  } catch {
    return null;
  }
}

function quoteIdent(name: string): string {
  if (!/^bench_[A-Za-z0-9_-]+$/.test(name)) throw new Error(`benchmark databases are named bench_*: ${name}`);
  return `"${name}"`;
}

export async function recreateDatabase(server: BenchServer, name: string, template?: string): Promise<void> {
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  await adminQuery(server.adminUrl, `CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`);
}

export async function dropDatabase(server: BenchServer, name: string): Promise<void> {
  // createTestDatabase() marks its templates IS_TEMPLATE, which PostgreSQL refuses to drop.
  const rows = await adminQuery<{ t: boolean }>(server.adminUrl, `SELECT datistemplate AS t FROM pg_database WHERE datname = '${name.replace(/'/g, "''")}'`);
  if (rows[0]?.t) await adminQuery(server.adminUrl, `ALTER DATABASE ${quoteIdent(name)} IS_TEMPLATE false`);
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** Drops every bench_* database left by an interrupted run. */
export async function dropLeftovers(server: BenchServer): Promise<void> {
  const rows = await adminQuery<{ datname: string }>(server.adminUrl, `SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_%'`);
  for (const row of rows) await dropDatabase(server, row.datname);
}
