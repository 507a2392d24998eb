import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './run-cli';

/**
 * Migrations that write through every handle TypeORM gives a migration, for the check that
 * dry runs (lint, --sql) and read-only commands never write. Each handle is code that runs
 * one statement `W` (a string expression) or, for the entity APIs, writes rows itself.
 */
export interface WriteHandle {
  readonly name: string;
  /** TypeScript statements; `qr` is the migration's query runner, `W` the SQL to send. */
  readonly code: string;
  /** Whether the write goes through the migration's own query runner (a real run keeps it in its transaction). */
  readonly viaRunner: boolean;
  /** Whether the handle sends raw SQL (so every write shape applies) or writes entities. */
  readonly raw: boolean;
}

export const WRITE_HANDLES: readonly WriteHandle[] = [
  { name: 'queryRunner.query', code: 'await qr.query(W);', viaRunner: true, raw: true },
  { name: 'queryRunner.manager.query', code: 'await qr.manager.query(W);', viaRunner: true, raw: true },
  { name: 'raw client of the query runner', code: 'const client = await qr.connect(); await client.query(W);', viaRunner: true, raw: true },
  { name: 'queryRunner.connection.query', code: 'await qr.connection.query(W);', viaRunner: false, raw: true },
  { name: 'connection.manager.query', code: 'await qr.connection.manager.query(W);', viaRunner: false, raw: true },
  { name: 'connection.transaction', code: 'await qr.connection.transaction((m) => m.query(W));', viaRunner: false, raw: true },
  { name: 'a new createQueryRunner()', code: 'const other = qr.connection.createQueryRunner(); try { await other.query(W); } finally { await other.release(); }', viaRunner: false, raw: true },
  { name: 'the driver pool', code: 'await (qr.connection.driver as unknown as { master: { query(s: string): Promise<unknown> } }).master.query(W);', viaRunner: false, raw: true },
  { name: 'queryRunner.stream', code: 'const s = await qr.stream(W); await new Promise((ok, fail) => { s.on("end", ok); s.on("error", fail); s.resume(); });', viaRunner: true, raw: true },
  {
    name: 'queryRunner.manager.getRepository',
    code: "const repo = qr.manager.getRepository(RoItem); await repo.insert({ label: 'runner repo' }); await repo.update({ id: 1 }, { label: 'runner repo' }); await repo.delete({ id: 2 });",
    viaRunner: true,
    raw: false,
  },
  {
    name: 'connection.getRepository',
    code: "const repo = qr.connection.getRepository(RoItem); await repo.insert({ label: 'repo' }); await repo.update({ id: 3 }, { label: 'repo' }); await repo.delete({ id: 4 });",
    viaRunner: false,
    raw: false,
  },
  {
    name: 'connection.createQueryBuilder',
    code: "await qr.connection.createQueryBuilder().update(RoItem).set({ label: 'qb' }).where('id = :id', { id: 5 }).execute(); await qr.connection.createQueryBuilder().delete().from(RoItem).where('id > :id', { id: 6 }).execute();",
    viaRunner: false,
    raw: false,
  },
  { name: 'connection.manager.save', code: "await qr.connection.manager.save(RoItem, { label: 'saved' });", viaRunner: false, raw: false },
  { name: 'dataSource.manager.clear', code: 'await qr.connection.manager.clear(RoItem);', viaRunner: false, raw: false },
];

/** Write shapes for the raw handles, including the ones that look like reads. */
export const WRITE_SHAPES: readonly string[] = [
  `UPDATE "ro_items" SET "label" = 'overwritten'`,
  `DELETE FROM "ro_items" WHERE "id" % 2 = 0`,
  `INSERT INTO "ro_items" ("label") SELECT 'more ' || g FROM generate_series(1, 5) g`,
  `TRUNCATE "ro_items"`,
  `ALTER TABLE "ro_items" ADD COLUMN "sneaky" integer`,
  `CREATE TABLE "ro_sneaky" ("a" integer)`,
  `DROP TABLE "ro_items"`,
  `SELECT 1; DELETE FROM "ro_items"`,
  `WITH gone AS (DELETE FROM "ro_items" RETURNING *) SELECT count(*) FROM gone`,
  `SELECT set_config('default_transaction_read_only', 'off', false); UPDATE "ro_items" SET "label" = 'after set_config'`,
  `SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; DELETE FROM "ro_items"`,
  `COMMIT; BEGIN READ WRITE; DELETE FROM "ro_items"; COMMIT`,
  `SELECT setval(pg_get_serial_sequence('ro_items', 'id'), 1000)`,
];

export const RO_ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('ro_items')
export class RoItem {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('text')
  label!: string;
}
`;

export const RO_DATA_SOURCE = `import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { RoItem } from './ro-item';

export default new DataSource({
  type: 'postgres',
  entities: [RoItem],
  migrations: [\`\${__dirname}/migrations/*.ts\`],
});
`;

/** The base migration: creates the table and its rows; applied for real before the checks. */
export const RO_BASE = { timestamp: 1760000000000, name: 'RoBase1760000000000' };
const BASE_SOURCE = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${RO_BASE.name} implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE "ro_items" ("id" SERIAL PRIMARY KEY, "label" text NOT NULL)');
    await queryRunner.query("INSERT INTO \\"ro_items\\" (\\"label\\") SELECT 'row ' || g FROM generate_series(1, 40) g");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "ro_items"');
  }
}
`;

/** The body that writes through `handle`: every write shape for a raw handle, its own writes otherwise. */
export function writingBody(handle: WriteHandle, shapes: readonly string[] = WRITE_SHAPES): string {
  if (!handle.raw) return `    { ${handle.code} }`;
  return shapes.map((sql) => `    { const W = ${JSON.stringify(sql)}; ${handle.code} }`).join('\n');
}

export interface WritingMigration {
  readonly name: string;
  readonly file: string;
}

/**
 * A migration whose `up` (direction up) or `down` (direction down) writes through the
 * given handles; the other direction only reads.
 */
export function writeWritingMigration(dir: string, timestamp: number, label: string, direction: 'up' | 'down', handles: readonly WriteHandle[]): WritingMigration {
  const name = `${label}${timestamp}`;
  const body = handles.map((h) => writingBody(h)).join('\n');
  const read = `    await queryRunner.query('SELECT count(*) FROM "ro_items"');`;
  const file = join(dir, 'migrations', `${timestamp}-${label}.ts`);
  writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RoItem } from '../ro-item';

export class ${name} implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    const queryRunner = qr;
    void RoItem;
${direction === 'up' ? body : read}
  }

  async down(qr: QueryRunner): Promise<void> {
    const queryRunner = qr;
    void RoItem;
${direction === 'down' ? body : read}
  }
}
`,
  );
  return { name, file };
}

export interface WritingProject {
  readonly dir: string;
  remove(): void;
  /** Deletes a migration file written by writeWritingMigration. */
  forget(m: WritingMigration): void;
}

/** A project with the entity, its data source and the base migration, in a fresh folder. */
export function writingProject(): WritingProject {
  const dir = mkdtempSync(join(tmpdir(), 'dbm-readonly-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  mkdirSync(join(dir, 'migrations'));
  writeFileSync(join(dir, 'ro-item.ts'), RO_ENTITY);
  writeFileSync(join(dir, 'ormconfig.ts'), RO_DATA_SOURCE);
  writeFileSync(join(dir, 'migrations', `${RO_BASE.timestamp}-RoBase.ts`), BASE_SOURCE);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }), forget: (m) => unlinkSync(m.file) };
}
