import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './run-cli';

/** One entity of a generated project: a table with an id and one text column. */
export interface ResetProjectTable {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
}

/** A migration after the initial one: plain statements, as a hand-written migration has them. */
export interface ExtraMigration {
  readonly up: readonly string[];
}

export interface ResetProject {
  readonly dir: string;
  /** Class names of the migrations, oldest first. */
  readonly migrations: readonly string[];
  /** Adds a migration file (pending until the next upgrade). */
  addMigration(extra: ExtraMigration): string;
  remove(): void;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const BASE = 1700000300000;

/** The statements that create the tables, as a generated initial migration would. */
export function initialStatements(tables: readonly ResetProjectTable[]): string[] {
  const schemas = [...new Set(tables.map((t) => t.schema))].filter((s) => s !== 'public');
  return [
    ...schemas.map((s) => `CREATE SCHEMA IF NOT EXISTS ${q(s)}`),
    ...tables.map((t) => `CREATE TABLE ${q(t.schema)}.${q(t.table)} ("id" SERIAL NOT NULL PRIMARY KEY, ${q(t.column)} text)`),
  ];
}

function migrationSource(name: string, up: readonly string[]): string {
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name} implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
${up.map((s) => `    await queryRunner.query(${JSON.stringify(s)});`).join('\n')}
  }

  async down(): Promise<void> {
    throw new Error('not reversible');
  }
}
`;
}

function entitySource(i: number, t: ResetProjectTable): string {
  return `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: ${JSON.stringify(t.table)}, schema: ${JSON.stringify(t.schema)} })
export class Table${i} {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'text', name: ${JSON.stringify(t.column)}, nullable: true })
  value!: string | null;
}
`;
}

/**
 * A project written to a temporary folder: entities for `tables` and an initial
 * migration that creates them, plus hand-written migrations; imports resolve through a
 * node_modules link.
 */
export function resetProject(tables: readonly ResetProjectTable[], extras: readonly ExtraMigration[] = []): ResetProject {
  const dir = mkdtempSync(join(tmpdir(), 'dbm-reset-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  mkdirSync(join(dir, 'migrations'));
  mkdirSync(join(dir, 'entities'));
  writeFileSync(
    join(dir, 'ormconfig.ts'),
    `import 'reflect-metadata';
import { DataSource } from 'typeorm';

export default new DataSource({
  type: 'postgres',
  entities: [\`\${__dirname}/entities/*.ts\`],
  migrations: [\`\${__dirname}/migrations/*.ts\`],
});
`,
  );
  tables.forEach((t, i) => writeFileSync(join(dir, 'entities', `table-${i}.ts`), entitySource(i, t)));
  const migrations: string[] = [];
  const add = (up: readonly string[]) => {
    const n = migrations.length + 1;
    const name = `Step${String(n).padStart(2, '0')}${BASE + n}`;
    writeFileSync(join(dir, 'migrations', `${BASE + n}-Step${n}.ts`), migrationSource(name, up));
    migrations.push(name);
    return name;
  };
  add(initialStatements(tables));
  for (const e of extras) add(e.up);
  return { dir, migrations, addMigration: (e) => add(e.up), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
