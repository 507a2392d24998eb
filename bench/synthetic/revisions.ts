import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `count` small reversible migrations after `afterTimestamp`, one second apart, for the
 * "many applied, none pending" case: each comments one table, so each really runs SQL.
 * Returns the file names without extension.
 */
export function writeRevisions(dir: string, count: number, afterTimestamp: number): string[] {
  const names: string[] = [];
  for (let n = 1; n <= count; n++) {
    const timestamp = afterTimestamp + n * 1000;
    const name = `Revision${String(n).padStart(3, '0')}${timestamp}`;
    const file = `${timestamp}-Revision${String(n).padStart(3, '0')}`;
    const table = `entity_${String(1 + ((n - 1) % 9)).padStart(3, '0')}`;
    writeFileSync(
      join(dir, `${file}.ts`),
      `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name} implements MigrationInterface {
  name = '${name}';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`COMMENT ON TABLE "${table}" IS 'revision ${n}'\`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`COMMENT ON TABLE "${table}" IS NULL\`);
  }
}
`,
    );
    names.push(file);
  }
  return names;
}
