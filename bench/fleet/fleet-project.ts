import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/bench-servers';

// Inside the repository, so typeorm, pg and reflect-metadata resolve from its node_modules.
export const PROJECT_DIR = join(ROOT, '.db-manage', 'bench-fleet', 'project');

const PACKAGE_JSON = `${JSON.stringify({ name: 'bench-fleet', private: true, 'db-manage': { schemaPerTenant: true } }, null, 2)}\n`;

const DATA_SOURCE = `import 'reflect-metadata';
import { DataSource } from 'typeorm';

export default new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: [],
  migrations: [\`\${__dirname}/migrations/*.ts\`],
});
`;

interface Step {
  readonly name: string;
  readonly up: readonly string[];
  readonly down: readonly string[];
}

// No statement names a schema: the same files run in a tenant database's public schema and,
// through fleet's search_path, in each tenant schema.
const STEPS: readonly Step[] = [
  {
    name: 'CreateItems',
    up: [`CREATE TABLE "items" ("id" SERIAL NOT NULL, "name" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_items" PRIMARY KEY ("id"))`],
    down: [`DROP TABLE "items"`],
  },
  {
    name: 'AddItemPrice',
    up: [`ALTER TABLE "items" ADD COLUMN "price" integer NOT NULL DEFAULT 0`],
    down: [`ALTER TABLE "items" DROP COLUMN "price"`],
  },
  {
    name: 'CreateTags',
    up: [
      `CREATE TABLE "tags" ("id" SERIAL NOT NULL, "item_id" integer NOT NULL, "label" character varying(40) NOT NULL, CONSTRAINT "pk_tags" PRIMARY KEY ("id"), CONSTRAINT "fk_tags_item" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE CASCADE)`,
    ],
    down: [`DROP TABLE "tags"`],
  },
  {
    name: 'IndexTagItems',
    up: [`CREATE INDEX "idx_tags_item_id" ON "tags" ("item_id")`],
    down: [`DROP INDEX "idx_tags_item_id"`],
  },
  {
    name: 'CheckItemPrice',
    up: [`ALTER TABLE "items" ADD CONSTRAINT "chk_items_price" CHECK ("price" >= 0)`],
    down: [`ALTER TABLE "items" DROP CONSTRAINT "chk_items_price"`],
  },
];

export const MIGRATIONS = STEPS.length;

function renderMigration(step: Step, timestamp: number): string {
  const calls = (sql: readonly string[]) => sql.map((s) => `    await queryRunner.query(\`${s}\`);`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${step.name}${timestamp} implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
${calls(step.up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${calls(step.down)}
  }
}
`;
}

/** A schema-per-tenant project with data-source.ts and five hand-written migrations; returns its folder. */
export function writeFleetProject(): string {
  rmSync(PROJECT_DIR, { recursive: true, force: true });
  mkdirSync(join(PROJECT_DIR, 'migrations'), { recursive: true });
  writeFileSync(join(PROJECT_DIR, 'package.json'), PACKAGE_JSON);
  writeFileSync(join(PROJECT_DIR, 'data-source.ts'), DATA_SOURCE);
  STEPS.forEach((step, i) => {
    const timestamp = 1700000000001 + i;
    writeFileSync(join(PROJECT_DIR, 'migrations', `${timestamp}-${step.name}.ts`), renderMigration(step, timestamp));
  });
  return PROJECT_DIR;
}

export function removeFleetProject(): void {
  // The parent too: it only ever holds this project and the targets files.
  rmSync(join(PROJECT_DIR, '..'), { recursive: true, force: true });
}
