/**
 * The test entry point: one embedded PostgreSQL cluster for the whole run, shared by
 * every test file (each file makes its own database), then node's test runner.
 *
 *   npm test                 all tiers
 *   npm test -- unit         one tier (unit | integration | cli | faults)
 *   npm run test:faults      the fault suite with its full trial counts
 *   npm test -- test/cli/status.test.ts
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { embeddedSettings } from '../src/engine/config/embedded-settings';
import { ensureEmbeddedServer, stopEmbeddedServer } from '../src/engine/server/embedded-server';
import { readPostmaster } from '../src/engine/server/postmaster-pid';
import { TEST_CLUSTER_ENV } from './support/test-cluster';

const root = resolve(__dirname, '..');
const TIERS = ['unit', 'integration', 'cli', 'adopter', 'faults'];

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== 'fixtures' && entry !== 'support') out.push(...filesUnder(full));
    } else if (entry.endsWith('.test.ts')) {
      out.push(full);
    }
  }
  return out;
}

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

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const selected = args.length === 0 ? TIERS : args;
  const files = selected.flatMap((a) => (a.endsWith('.ts') ? [resolve(a)] : filesUnder(join(root, 'test', a))));
  const needsDb = files.some((f) => !relative(root, f).startsWith(join('test', 'unit')));

  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  const dir = process.env.DB_MANAGE_TEST_PG_DIR ?? join('.db-manage', 'test-postgres');
  const settings = embeddedSettings(root, {
    DB_MANAGE_PG_DIR: dir,
    DB_MANAGE_PG_PORT: process.env.DB_MANAGE_TEST_PG_PORT ?? String(await testPort(resolve(root, dir, 'data'))),
  });
  let startedHere = false;
  if (needsDb) {
    const started = Date.now();
    const ensured = await ensureEmbeddedServer(settings);
    startedHere = ensured.action !== 'none';
    process.stdout.write(`test cluster: PostgreSQL on port ${settings.port} (${ensured.action}, ${Date.now() - started} ms)\n`);
    env[TEST_CLUSTER_ENV.dir] = settings.baseDir;
    env[TEST_CLUSTER_ENV.port] = String(settings.port);
    env[TEST_CLUSTER_ENV.url] = ensured.url;
  }
  const concurrency = process.env.TEST_CONCURRENCY ?? '4';
  const code = await new Promise<number>((done) => {
    const child = spawn(
      process.execPath,
      ['--require', join(root, 'src/loader/register.js'), '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
      { stdio: 'inherit', env, cwd: root },
    );
    child.on('close', (c) => done(c ?? 1));
  });
  // A cluster that was already up belongs to another run (or a developer): leave it.
  if (startedHere && !process.env.KEEP_TEST_CLUSTER) await stopEmbeddedServer(settings);
  return code;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`test runner failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
