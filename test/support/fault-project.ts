import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ROOT } from './run-cli';
import { adminQuery } from './test-cluster';

/**
 * A generated project for the fault suite: N migrations, each of which creates its own
 * table, fills it, optionally sleeps (so a kill can land inside it) and then records
 * itself in `fault_ledger`. The ledger has no unique key on purpose: a migration that
 * ran twice shows up as two rows instead of an error.
 */
export interface FaultProject {
  readonly dir: string;
  readonly names: readonly string[];
  remove(): void;
}

export interface FaultProjectOptions {
  readonly count: number;
  /** Seconds each migration sleeps between its table and its ledger row. */
  readonly sleep?: number;
  /**
   * Statements that may run again after a partial run (IF NOT EXISTS, ON CONFLICT DO
   * NOTHING), as a migration meant for --transaction none must be written. The ledger
   * row stays a plain INSERT, so a second run of it is counted.
   */
  readonly rerunnable?: boolean;
  /** 1-based migration that first reads "fault_gate", so a test holding a lock on it can stall the run there. */
  readonly gated?: number;
  /** 1-based migration whose `statement`-th statement is `sql`, which fails (after the ones before it succeeded). */
  readonly failing?: { readonly migration: number; readonly statement: number; readonly sql: string };
}

export const FAULT_BASE_TIMESTAMP = 1700000100000;

export function faultMigrationName(i: number): string {
  return `Fault${String(i).padStart(2, '0')}${FAULT_BASE_TIMESTAMP + i}`;
}

export function statementsOf(i: number, options: FaultProjectOptions): string[] {
  const table = `"fault_m${i}"`;
  const again = options.rerunnable ? ' IF NOT EXISTS' : '';
  return [
    ...(i === 1 ? [`CREATE TABLE${again} "fault_ledger" ("name" text NOT NULL)`] : []),
    `CREATE TABLE${again} ${table} ("id" integer PRIMARY KEY, "label" text NOT NULL)`,
    `INSERT INTO ${table} ("id", "label") SELECT g, 'row ' || g FROM generate_series(1, 50) g${options.rerunnable ? ' ON CONFLICT DO NOTHING' : ''}`,
    ...(options.sleep ? [`SELECT pg_sleep(${options.sleep})`] : []),
    ...(options.gated === i ? [`SELECT count(*) FROM "fault_gate"`] : []),
    `CREATE INDEX${again} "fault_m${i}_label" ON ${table} ("label")`,
    `INSERT INTO "fault_ledger" ("name") VALUES ('${faultMigrationName(i)}')`,
  ];
}

function migrationSource(i: number, options: FaultProjectOptions): string {
  const statements = statementsOf(i, options);
  if (options.failing?.migration === i) {
    statements.splice(options.failing.statement - 1, 0, options.failing.sql);
  }
  const up = statements.map((s) => `    await queryRunner.query(${JSON.stringify(s)});`).join('\n');
  const down = [`DROP TABLE "fault_m${i}"`, `DELETE FROM "fault_ledger" WHERE "name" = '${faultMigrationName(i)}'`, ...(i === 1 ? ['DROP TABLE "fault_ledger"'] : [])]
    .map((s) => `    await queryRunner.query(${JSON.stringify(s)});`)
    .join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${faultMigrationName(i)} implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`;
}

export const FAULT_DATA_SOURCE = `import 'reflect-metadata';
import { DataSource } from 'typeorm';

export default new DataSource({
  type: 'postgres',
  migrations: [\`\${__dirname}/migrations/*.ts\`],
});
`;

/** Writes the project into a fresh temporary folder whose imports resolve through a node_modules link. */
export function faultProject(options: FaultProjectOptions): FaultProject {
  const dir = mkdtempSync(join(tmpdir(), 'dbm-faults-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  mkdirSync(join(dir, 'migrations'));
  writeFileSync(join(dir, 'data-source.ts'), FAULT_DATA_SOURCE);
  const names: string[] = [];
  for (let i = 1; i <= options.count; i++) {
    const name = faultMigrationName(i);
    names.push(name);
    writeFileSync(join(dir, 'migrations', `${FAULT_BASE_TIMESTAMP + i}-Fault${String(i).padStart(2, '0')}.ts`), migrationSource(i, options));
  }
  return { dir, names, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** How each migration of the project stands in the database, read from all four places it leaves a trace. */
export interface MigrationTrace {
  readonly name: string;
  readonly recorded: boolean;
  readonly checksum: boolean;
  readonly table: boolean;
  readonly rows: number;
  readonly index: boolean;
  readonly ledger: number;
}

export async function traces(url: string, names: readonly string[]): Promise<MigrationTrace[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const rows = async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[];
  try {
    const [state] = await rows<{ history: boolean; checksums: boolean; ledger: boolean }>(
      `SELECT to_regclass('public.migrations') IS NOT NULL AS history, to_regclass('public.db_manage_checksums') IS NOT NULL AS checksums,
              to_regclass('public.fault_ledger') IS NOT NULL AS ledger`,
    );
    const recorded = state.history ? (await rows<{ name: string }>('SELECT "name" FROM "migrations"')).map((r) => r.name) : [];
    const checksums = state.checksums ? (await rows<{ name: string }>('SELECT "name" FROM "db_manage_checksums"')).map((r) => r.name) : [];
    const ledger = state.ledger ? await rows<{ name: string; n: number }>('SELECT "name", count(*)::int AS n FROM "fault_ledger" GROUP BY 1') : [];
    const out: MigrationTrace[] = [];
    for (let i = 1; i <= names.length; i++) {
      const [t] = await rows<{ table: boolean; index: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS "table", to_regclass($2) IS NOT NULL AS "index"`, [
        `public.fault_m${i}`,
        `public.fault_m${i}_label`,
      ]);
      const count = t.table ? (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM "fault_m${i}"`))[0].n : 0;
      out.push({
        name: names[i - 1],
        recorded: recorded.includes(names[i - 1]),
        checksum: checksums.includes(names[i - 1]),
        table: t.table,
        rows: count,
        index: t.index,
        ledger: ledger.find((l) => l.name === names[i - 1])?.n ?? 0,
      });
    }
    return out;
  } finally {
    await client.end();
  }
}

/** Every trace of the migration is there, exactly once. */
export function fullyApplied(t: MigrationTrace): boolean {
  return t.recorded && t.checksum && t.table && t.rows === 50 && t.index && t.ledger === 1;
}

/** No trace of it at all. */
export function untouched(t: MigrationTrace): boolean {
  return !t.recorded && !t.checksum && !t.table && t.ledger === 0;
}

/** Advisory locks in db-manage's namespace ("dbMg") held on the database. */
export async function advisoryLocks(url: string): Promise<number> {
  const rows = await adminQuery<{ n: number }>(
    url,
    `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
     WHERE l.locktype = 'advisory' AND d.datname = current_database() AND l.classid = $1::bigint::oid`,
    [0x64624d67],
  );
  return rows[0].n;
}
