import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { embeddedSettings } from '../../src/engine/config/embedded-settings';
import { ensureEmbeddedServer, stopEmbeddedServer } from '../../src/engine/server/embedded-server';
import { readPostmaster } from '../../src/engine/server/postmaster-pid';
import { TEST_CLUSTER_ENV } from './test-cluster';

const root = resolve(__dirname, '..', '..');

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const srv = createServer()
      .once('error', () => done(false))
      .listen(port, '127.0.0.1', () => srv.close(() => done(true)));
  });
}

/**
 * 54330, or the port our cluster already runs on, or the next free one: a server some
 * other run left on 54330 must not fail this run.
 */
async function testPort(dataDir: string): Promise<number> {
  const running = readPostmaster(dataDir);
  if (running.running) {
    const port = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
    if (Number.isInteger(port) && port > 0) return port;
  }
  for (let port = 54330; port < 54400; port++) if (await portFree(port)) return port;
  return 54330;
}

export interface StartedTestCluster {
  /** The TEST_CLUSTER_ENV variables that point test processes at the cluster. */
  readonly env: Readonly<Record<string, string>>;
  readonly port: number;
  readonly action: string;
  readonly ms: number;
  /** Stops the cluster if this call started it, unless KEEP_TEST_CLUSTER is set. */
  stop(): Promise<void>;
}

/** The embedded PG 17 test cluster that test/run.ts and the fuzz runner share. */
export async function startTestCluster(): Promise<StartedTestCluster> {
  const dir = process.env.DB_MANAGE_TEST_PG_DIR ?? join('.db-manage', 'test-postgres');
  const settings = embeddedSettings(root, {
    DB_MANAGE_PG_DIR: dir,
    DB_MANAGE_PG_PORT: process.env.DB_MANAGE_TEST_PG_PORT ?? String(await testPort(resolve(root, dir, 'data'))),
  });
  const started = Date.now();
  const ensured = await ensureEmbeddedServer(settings);
  const startedHere = ensured.action !== 'none';
  return {
    env: { [TEST_CLUSTER_ENV.dir]: settings.baseDir, [TEST_CLUSTER_ENV.port]: String(settings.port), [TEST_CLUSTER_ENV.url]: ensured.url },
    port: settings.port,
    action: ensured.action,
    ms: Date.now() - started,
    // A cluster that was already up belongs to another run (or a developer): leave it.
    stop: async () => {
      if (startedHere && !process.env.KEEP_TEST_CLUSTER) await stopEmbeddedServer(settings);
    },
  };
}
