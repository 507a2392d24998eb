import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { adminQuery, dropDatabase, type BenchServer } from '../support/bench-servers';
import { PROJECT_DIR } from './fleet-project';

/** Every database this benchmark makes starts so; the connection count filters on it too. */
export const PREFIX = 'bench_fleet';

/** One way to lay out a fleet of tenants, with its targets file and its reset to the empty state. */
export interface Layout {
  readonly key: 'databases' | 'schemas';
  readonly label: string;
  readonly targets: number;
  readonly targetsFile: string;
  /** DATABASE_URL for the project's data source. */
  readonly databaseUrl: string;
  /** Untimed, before every run: every target exists and is empty. */
  reset(): Promise<void>;
}

const RESET_LANES = 4;

function numbered(prefix: string, count: number): string[] {
  const width = Math.max(4, String(count).length);
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(width, '0')}`);
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function writeTargets(name: string, lines: readonly string[]): string {
  const file = join(PROJECT_DIR, '..', name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** A database per tenant: bench_fleet_db_0001… one postgres:// URL a line. */
export function databasesLayout(server: BenchServer, count: number): Layout {
  const names = numbered(`${PREFIX}_db_`, count);
  return {
    key: 'databases',
    label: `${count} databases`,
    targets: count,
    targetsFile: writeTargets('databases.txt', names.map((n) => server.urlOf(n))),
    databaseUrl: server.urlOf(names[0]),
    // Dropped and created again: the same empty database a new tenant gets. A few at a time,
    // as each waits mostly on the disk (0.2 to 0.8 s a database on a busy 2-core VM).
    reset: () =>
      Promise.all(
        Array.from({ length: RESET_LANES }, (_, lane) =>
          withClient(server.adminUrl, async (client) => {
            for (const name of names.filter((_, i) => i % RESET_LANES === lane)) {
              await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
              await client.query(`CREATE DATABASE "${name}"`);
            }
          }),
        ),
      ).then(() => undefined),
  };
}

/** A schema per tenant: tenant_0001… in bench_fleet_schemas, one schema=NAME a line. */
export function schemasLayout(server: BenchServer, count: number): Layout {
  const database = `${PREFIX}_schemas`;
  const names = numbered('tenant_', count);
  return {
    key: 'schemas',
    label: `${count} schemas`,
    targets: count,
    targetsFile: writeTargets('schemas.txt', names.map((n) => `schema=${n}`)),
    databaseUrl: server.urlOf(database),
    // One database dropped and made again beats a thousand DROP SCHEMA … CASCADE; the empty
    // schemas are made here too, so the timed run does what it does for existing tenants.
    reset: async () => {
      await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await adminQuery(server.adminUrl, `CREATE DATABASE "${database}"`);
      await withClient(server.urlOf(database), (client) => client.query(names.map((n) => `CREATE SCHEMA "${n}";`).join('\n')));
    },
  };
}

/** Drops this benchmark's databases only: other bench_* databases on a shared server may be in use. */
export async function dropFleetDatabases(server: BenchServer): Promise<void> {
  const rows = await adminQuery<{ datname: string }>(server.adminUrl, `SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX.replace(/_/g, '\\_')}\\_%'`);
  for (const row of rows) await dropDatabase(server, row.datname);
}
