import { connectionTarget } from '../engine/config/connection-target';
import { resolveConnection } from '../engine/connection/resolve-connection';
import { DbManageError } from '../engine/errors/db-manage-error';
import { embeddedServerStatus, stopEmbeddedServer } from '../engine/server/embedded-server';
import type { ApiOptions } from './api-options';

export interface ServerReport {
  readonly kind: 'embedded' | 'external';
  readonly running: boolean;
  readonly changed: boolean;
  readonly port?: number;
  readonly dataDir?: string;
}

function embeddedTarget(options: ApiOptions) {
  const target = connectionTarget({ cwd: options.cwd, env: options.env });
  if (target.kind !== 'embedded') {
    throw new DbManageError('usage', 'DATABASE_URL is set, so the embedded server is not in use', {
      hint: 'Unset DATABASE_URL to manage the embedded server',
    });
  }
  return target.settings;
}

/** Starts the embedded server (and creates its cluster on first use). */
export async function startServer(options: ApiOptions = {}): Promise<ServerReport> {
  const settings = embeddedTarget(options);
  const conn = await resolveConnection({ cwd: options.cwd, env: options.env });
  return { kind: 'embedded', running: true, changed: conn.serverAction !== 'none', port: settings.port, dataDir: settings.dataDir };
}

/** Stops the embedded server; its data stays. */
export async function stopServer(options: ApiOptions = {}): Promise<ServerReport> {
  const settings = embeddedTarget(options);
  const changed = await stopEmbeddedServer(settings);
  return { kind: 'embedded', running: false, changed, port: settings.port, dataDir: settings.dataDir };
}

export function serverState(options: ApiOptions = {}): ServerReport {
  const settings = embeddedTarget(options);
  const state = embeddedServerStatus(settings);
  return { kind: 'embedded', running: state.running, changed: false, port: settings.port, dataDir: settings.dataDir };
}
