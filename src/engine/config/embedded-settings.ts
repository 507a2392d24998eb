import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the embedded PostgreSQL lives and how to reach it. */
export interface EmbeddedSettings {
  /** Holds the cluster's data, its log and its password; gitignored. */
  readonly baseDir: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly passwordFile: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** DB_MANAGE_PG_RUN_AS as written (namespace, account, or unset): how the server runs as root. */
  readonly runAs?: string;
}

export const DEFAULT_EMBEDDED_PORT = 54320;
export const DEFAULT_EMBEDDED_DATABASE = 'db_manage';

export function embeddedSettings(cwd: string, vars: Readonly<Record<string, string | undefined>>): EmbeddedSettings {
  const baseDir = resolve(cwd, vars.DB_MANAGE_PG_DIR || join('.db-manage', 'postgres'));
  const port = Number(vars.DB_MANAGE_PG_PORT || DEFAULT_EMBEDDED_PORT);
  return {
    baseDir,
    dataDir: join(baseDir, 'data'),
    logFile: join(baseDir, 'server.log'),
    passwordFile: join(baseDir, 'password'),
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_EMBEDDED_PORT,
    database: vars.DB_MANAGE_PG_DATABASE || DEFAULT_EMBEDDED_DATABASE,
    user: 'postgres',
    runAs: vars.DB_MANAGE_PG_RUN_AS,
  };
}

export function readEmbeddedPassword(settings: EmbeddedSettings): string | undefined {
  try {
    return readFileSync(settings.passwordFile, 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function embeddedUrl(settings: EmbeddedSettings, password: string | undefined, database = settings.database): string {
  const auth = password ? `${settings.user}:${encodeURIComponent(password)}` : settings.user;
  return `postgres://${auth}@127.0.0.1:${settings.port}/${database}`;
}
