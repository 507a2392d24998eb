import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { check, isDbManageError, migrate } from '../../src/api';
import { copyDevloop } from '../support/bad-input';
import { databaseFingerprint } from '../support/database-fingerprint';
import { apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

/**
 * Fuzz seeds 935, 979, 1058 and 1445: a property and an embedded's column without a prefix (or a
 * column renamed onto one) mapped to one column. TypeORM keeps both definitions and no rule
 * says which wins; db-manage generated one and the entities said the other. Now one line.
 */
const ENTITY = (extra: string) => `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export class Money {
  @Column({ type: 'text', nullable: true }) colour: string;
  @Column({ type: 'int', default: 479 }) memo: number;
}

@Entity('device')
export class Device {
  @PrimaryGeneratedColumn() id: number;
  @Column(() => Money, { prefix: false }) money: Money;
${extra}}
`;

const fingerprint = async (url: string) => JSON.stringify(await databaseFingerprint(url));

for (const target of testTargets()) {
  describe(`two properties on one column (${target.name})`, () => {
    let db: ScratchDatabase;
    let project: { dir: string; remove: () => void };
    let variant = 0;
    let options = () => ({ cwd: project.dir, datasource: 'none.ts', env: apiEnv(db) });
    // Each variant its own files: a module loaded once stays loaded in this process.
    const write = (extra: string) => {
      const n = ++variant;
      writeFileSync(join(project.dir, `shared-entity-${n}.ts`), ENTITY(extra));
      writeFileSync(join(project.dir, `shared-source-${n}.ts`), `import 'reflect-metadata';
import { DataSource } from 'typeorm';
export default new DataSource({ type: 'postgres', entities: [\`\${__dirname}/shared-entity-${n}.ts\`], migrations: [\`\${__dirname}/shared-migrations/*.ts\`] });
`);
      options = () => ({ cwd: project.dir, datasource: `shared-source-${n}.ts`, env: apiEnv(db) });
    };

    before(async () => {
      db = await createScratchDatabase(target, 'shared_column');
      project = copyDevloop();
    });
    after(async () => {
      project.remove();
      await db.drop();
    });

    for (const [label, extra, properties, column] of [
      ['a property beside an embedded without a prefix', '  @Column({ type: \'boolean\', nullable: true, default: false }) colour: boolean;\n', 'colour and money.colour', 'colour'],
      ['a property whose name option lands on an embedded column', '  @Column({ type: \'int\', name: \'memo\', nullable: true }) note: number;\n', 'money.memo and note', 'memo'],
    ] as const) {
      test(`${label}: migrate and check refuse in one config-invalid line naming both; nothing written or changed`, async () => {
        write(extra);
        const before = await fingerprint(db.url);
        for (const run of [() => migrate({ ...options(), message: 'Shared' }), () => check(options())]) {
          const err = await run().then(() => null, (e: unknown) => e);
          assert.ok(isDbManageError(err), String(err));
          assert.equal(err.code, 'config-invalid');
          assert.ok(err.message.includes(`entity Device maps `) && err.message.includes(`to the same column "${column}" of public.device`), err.message);
          for (const p of properties.split(' and ')) assert.ok(err.message.includes(p), `${err.message} names ${p}`);
          assert.doesNotMatch(err.message, /\n/);
        }
        assert.equal(await fingerprint(db.url), before);
      });
    }

    test('without the clash the same entity migrates', async () => {
      write('  @Column({ type: \'boolean\', nullable: true }) shade: boolean;\n');
      const report = await migrate({ ...options(), message: 'Device' });
      assert.equal(report.changed, true);
    });
  });
}
