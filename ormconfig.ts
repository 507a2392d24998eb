import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseUrl } from 'db-manage';

/**
 * The project's data source. db-manage, the typeorm CLI and the application all use it.
 * Without DATABASE_URL it points at the embedded server (`npx db-manage url`).
 */
export default new DataSource({
  type: 'postgres',
  url: databaseUrl({ cwd: __dirname }),
  uuidExtension: 'pgcrypto',
  entities: [`${__dirname}/src/entities/!(index|base-model).ts`],
  migrations: [`${__dirname}/src/migrations/*.ts`],
});
