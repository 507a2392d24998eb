/** Files `init` writes into a new project. Pure strings, so they are easy to test. */

export function dataSourceTemplate(migrationsGlob: string): string {
  return `import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseUrl } from 'db-manage';

/**
 * The project's data source, used by db-manage, the typeorm CLI and the application.
 * Without DATABASE_URL it points at db-manage's embedded PostgreSQL (npx db-manage url).
 */
export default new DataSource({
  type: 'postgres',
  url: databaseUrl({ cwd: __dirname }),
  uuidExtension: 'pgcrypto',
  entities: [\`\${__dirname}/src/entities/*.ts\`],
  migrations: [\`\${__dirname}/${migrationsGlob}\`],
});
`;
}

export const ENV_EXAMPLE = `# Uncomment to use your own server instead of the embedded one.
# DATABASE_URL=postgres://app:app@127.0.0.1:5433/app

# Embedded server settings (used only when DATABASE_URL is unset).
# DB_MANAGE_PG_PORT=54320
# DB_MANAGE_PG_DIR=.db-manage/postgres
# DB_MANAGE_PG_DATABASE=db_manage
# As root: namespace (the default where allowed) or account (the dbmanage system account).
# DB_MANAGE_PG_RUN_AS=namespace
`;

export const GITIGNORE_LINES = ['node_modules/', '.db-manage/', '.env'];
