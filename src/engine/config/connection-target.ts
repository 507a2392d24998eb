import { markDeferredUrl } from './deferred-urls';
import { mergeEnv, readEnvFile } from './env-file';
import { embeddedSettings, embeddedUrl, readEmbeddedPassword, type EmbeddedSettings } from './embedded-settings';

/** Which server a command talks to, decided once per command. */
export type ConnectionTarget =
  | { readonly kind: 'external'; readonly url: string; readonly source: 'environment' | '.env' }
  | { readonly kind: 'embedded'; readonly url: string; readonly settings: EmbeddedSettings };

export interface TargetOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Merges `.env` under the real environment: the environment wins, as with dotenv. */
export function projectVariables(options: TargetOptions = {}): Record<string, string | undefined> {
  const cwd = options.cwd ?? process.cwd();
  return mergeEnv(readEnvFile(cwd), options.env ?? process.env);
}

export function connectionTarget(options: TargetOptions = {}): ConnectionTarget {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  if (env.DATABASE_URL) return { kind: 'external', url: env.DATABASE_URL, source: 'environment' };
  const vars = projectVariables(options);
  if (vars.DATABASE_URL) return { kind: 'external', url: vars.DATABASE_URL, source: '.env' };
  const settings = embeddedSettings(cwd, vars);
  return { kind: 'embedded', url: embeddedUrl(settings, readEmbeddedPassword(settings)), settings };
}

/**
 * The URL an application should use, synchronously, for `ormconfig.ts`. The toolkit
 * itself always resolves the target again and starts the embedded server first.
 */
export function databaseUrl(options: TargetOptions = {}): string {
  return markDeferredUrl(connectionTarget(options).url);
}
