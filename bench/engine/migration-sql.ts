import { writeFileSync } from 'node:fs';

type Step = (runner: { query(sql: string, params?: unknown[]): Promise<unknown> }) => Promise<void>;
type MigrationClass = new () => { up: Step; down: Step };

/**
 * The statements a compiled TypeORM migration's `up` (or `down`) sends, in order, collected by
 * calling it with a recording query runner, then written as one SQL file for `psql -1 -f`.
 */
export async function migrationToSqlFile(migrationJs: string, sqlFile: string, direction: 'up' | 'down' = 'up'): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(migrationJs) as MigrationClass | Record<string, MigrationClass>;
  const Migration = typeof mod === 'function' ? mod : Object.values(mod).find((v) => typeof v === 'function');
  if (!Migration) throw new Error(`no migration class in ${migrationJs}`);
  const statements: string[] = [];
  await new Migration()[direction]({
    query: async (sql, params) => {
      if (params && params.length > 0) throw new Error(`a parameterised statement cannot go to psql: ${sql}`);
      statements.push(sql.trim().replace(/;$/, ''));
      return [];
    },
  });
  writeFileSync(sqlFile, `${statements.map((s) => `${s};`).join('\n')}\n`);
  return statements.length;
}
