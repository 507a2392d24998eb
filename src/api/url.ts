import { maskedUrl } from '../engine/config/mask-url';
import { resolveProjectServer } from './connection-session';
import type { ApiOptions } from './api-options';

export interface UrlOptions extends ApiOptions {
  /** Mask the password, for sharing in logs. */
  readonly masked?: boolean;
}

export interface UrlReport {
  readonly url: string;
  readonly kind: 'embedded' | 'external';
}

/** The connection URL an application should use; starts the embedded server if needed. */
export async function url(options: UrlOptions = {}): Promise<UrlReport> {
  const conn = await resolveProjectServer(options);
  if (conn.serverAction !== 'none') options.onProgress?.({ kind: 'server', action: conn.serverAction });
  return { url: options.masked ? maskedUrl(conn.url) : conn.url, kind: conn.kind };
}
