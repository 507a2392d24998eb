import { databaseUrl, type TargetOptions } from './connection-target';
import { secretsOf } from './secrets-of';

/**
 * The secrets a command of this project could come across: those of the connection string
 * it uses (wherever in it they sit, and however the driver would read it) and PGPASSWORD,
 * which the driver sends when the URL carries no password. Never throws: a configuration
 * that cannot be read has its own error to report.
 */
export function connectionSecrets(options: TargetOptions & { readonly url?: string } = {}): string[] {
  const env = options.env ?? process.env;
  const out: string[] = [];
  try {
    out.push(...secretsOf(databaseUrl(options)));
  } catch {
    // the command reports the configuration error itself
  }
  if (options.url) out.push(...secretsOf(options.url));
  if (env.PGPASSWORD) out.push(env.PGPASSWORD);
  return [...new Set(out)];
}
