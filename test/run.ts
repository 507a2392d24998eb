/**
 * The test entry point: one embedded PostgreSQL cluster for the whole run, shared by
 * every test file (each file makes its own database), then node's test runner.
 *
 *   npm test                 all tiers
 *   npm test -- unit         one tier (unit | integration | cli | adopter | faults | fuzz)
 *   npm run test:faults      the fault suite with its full trial counts, on both servers
 *   npm run test:both        every file on both servers (npm test splits the CLI and fault files)
 *   npm test -- test/cli/status.test.ts
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { startTestCluster, type StartedTestCluster } from './support/start-test-cluster';

const root = resolve(__dirname, '..');
const TIERS = ['unit', 'integration', 'cli', 'adopter', 'faults', 'fuzz'];

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

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const selected = args.length === 0 ? TIERS : args;
  const files = selected.flatMap((a) => (a.endsWith('.ts') ? [resolve(a)] : filesUnder(join(root, 'test', a))));
  const needsDb = files.some((f) => !relative(root, f).startsWith(join('test', 'unit')));

  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  // CLI and fault files run on one server each (alternating) unless asked for both: see testTargets.
  env.TEST_SERVERS ??= process.env.FAULTS_FULL === '1' ? 'both' : 'split';
  let cluster: StartedTestCluster | null = null;
  if (needsDb) {
    cluster = await startTestCluster();
    process.stdout.write(`test cluster: PostgreSQL on port ${cluster.port} (${cluster.action}, ${cluster.ms} ms)\n`);
    Object.assign(env, cluster.env);
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
  await cluster?.stop();
  return code;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`test runner failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
