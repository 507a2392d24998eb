/**
 * npm run test:fuzz -- --seeds N [--from S] [--server embedded|external|both] [--edits K]
 *   [--features sample|all] [--with a,b] [--without c] [--jobs J] [--batch B] [--repeat R] [--typeorm-drift] [--schema-per-tenant]
 *   [--cli-every M] [--no-shrink] [--out file.json]
 *
 * Starts the embedded test cluster (as test/run.ts does), runs each seed's scenario on
 * each server in worker processes at low priority, shrinks failures into
 * test/fuzz/failures/<seed>-<server>/, and prints the failures grouped by signature.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { startTestCluster } from '../support/start-test-cluster';
import { statementKind } from '../support/typeorm-drift';
import type { SeedResult, WorkerJob } from './fuzz-worker';

const root = resolve(__dirname, '..', '..');

interface Args {
  seeds: number;
  from: number;
  server: 'embedded' | 'external' | 'both';
  edits: number;
  features: 'sample' | 'all';
  with: string[];
  without: string[];
  jobs: number;
  batch: number;
  repeat: number;
  cliEvery: number;
  shrink: boolean;
  typeormDrift: boolean;
  out: string | null;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    seeds: 20, from: 1, server: process.env.TEST_DATABASE_URL ? 'both' : 'embedded', edits: 4, features: 'sample',
    with: [], without: [], jobs: 1, batch: 20, repeat: 5, cliEvery: 50, shrink: true, typeormDrift: false, out: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = () => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) throw new Error(`${flag} needs a whole number`);
      return v;
    };
    switch (flag) {
      case '--seeds': args.seeds = int(); break;
      case '--from': args.from = int(); break;
      case '--edits': args.edits = int(); break;
      case '--jobs': args.jobs = Math.max(1, int()); break;
      case '--batch': args.batch = Math.max(1, int()); break;
      case '--repeat': args.repeat = Math.max(1, int()); break;
      case '--cli-every': args.cliEvery = int(); break;
      case '--no-shrink': args.shrink = false; break;
      case '--typeorm-drift': args.typeormDrift = true; break;
      // Every step's project is schema per tenant: migrations leave public unqualified.
      case '--schema-per-tenant': process.env.FUZZ_SCHEMA_PER_TENANT = '1'; break;
      case '--out': args.out = value(); break;
      case '--with': args.with.push(...value().split(',').filter(Boolean)); break;
      case '--without': args.without.push(...value().split(',').filter(Boolean)); break;
      case '--features': {
        const v = value();
        if (v !== 'sample' && v !== 'all') throw new Error('--features is sample or all');
        args.features = v;
        break;
      }
      case '--server': {
        const v = value();
        if (v !== 'embedded' && v !== 'external' && v !== 'both') throw new Error('--server is embedded, external or both');
        args.server = v;
        break;
      }
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  if ((args.server === 'external' || args.server === 'both') && !process.env.TEST_DATABASE_URL) throw new Error(`--server ${args.server} needs TEST_DATABASE_URL`);
  return args;
}

function runWorker(job: WorkerJob, env: NodeJS.ProcessEnv, onResult: (r: SeedResult) => void): Promise<void> {
  return new Promise((done) => {
    // nice: the fuzz run shares the machine; it must not starve interactive work.
    const child = spawn('nice', ['-n', '10', process.execPath, '-r', join(root, 'src/loader/register.js'), join(__dirname, 'fuzz-worker.ts'), JSON.stringify(job)], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let stderr = '';
    const seen = new Set<number>();
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        const r = JSON.parse(line) as SeedResult;
        seen.add(r.seed);
        onResult(r);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      // A worker that died takes its unfinished seeds with it: report them, never drop them.
      for (const seed of job.seeds.filter((s) => !seen.has(s))) {
        onResult({ seed, server: job.server, ok: false, ms: 0, failure: { phase: 'harness', step: -1, detail: `worker exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`, signature: 'harness: worker died' } });
      }
      done();
    });
  });
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const cluster = await startTestCluster();
  const env: NodeJS.ProcessEnv = { ...process.env, ...cluster.env, DB_MANAGE_CACHE_DIR: join(root, '.db-manage', 'fuzz-ts-cache') };
  delete env.DATABASE_URL;
  const servers: ('embedded' | 'external')[] = args.server === 'both' ? ['embedded', 'external'] : [args.server];
  const jobs: WorkerJob[] = [];
  for (const server of servers) {
    for (let s = args.from; s < args.from + args.seeds; s += args.batch) {
      const seeds = Array.from({ length: Math.min(args.batch, args.from + args.seeds - s) }, (_, k) => s + k);
      jobs.push({ seeds, server, edits: args.edits, repeat: args.repeat, cliEvery: args.cliEvery, features: { base: args.features, with: args.with, without: args.without }, shrink: args.shrink, typeormDrift: args.typeormDrift });
    }
  }
  const started = Date.now();
  const results: SeedResult[] = [];
  const total = jobs.reduce((n, j) => n + j.seeds.length, 0);
  const onResult = (r: SeedResult) => {
    results.push(r);
    const line = r.ok ? `ok   ${r.server} seed ${r.seed} (${r.steps} steps, ${r.ms} ms)` : `FAIL ${r.server} seed ${r.seed}: ${r.failure?.signature}${r.shrunk ? ` → ${r.shrunk.file}` : ''}`;
    process.stdout.write(`[${results.length}/${total}] ${line}\n`);
  };
  let next = 0;
  const lanes = Array.from({ length: Math.min(args.jobs, jobs.length) }, async () => {
    while (next < jobs.length) await runWorker(jobs[next++], env, onResult);
  });
  try {
    await Promise.all(lanes);
  } finally {
    await cluster.stop();
  }
  const failed = results.filter((r) => !r.ok);
  const groups = new Map<string, SeedResult[]>();
  for (const r of failed) groups.set(r.failure?.signature ?? '?', [...(groups.get(r.failure?.signature ?? '?') ?? []), r]);
  process.stdout.write(`\n${results.length} seed runs (${args.from}..${args.from + args.seeds - 1} on ${servers.join(' + ')}, features ${args.features}${args.with.length ? ` +${args.with}` : ''}${args.without.length ? ` -${args.without}` : ''}), ${failed.length} failed, ${Math.round((Date.now() - started) / 1000)} s\n`);
  for (const [signature, rs] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    process.stdout.write(`  ${rs.length} × ${signature}\n     seeds ${rs.map((r) => `${r.seed}/${r.server}`).slice(0, 12).join(' ')}\n`);
  }
  if (args.typeormDrift) {
    // Not an invariant: TypeORM's schema builder has false positives of its own. Counted by statement kind.
    const kinds = new Map<string, Set<string>>();
    for (const r of results) for (const sql of r.typeormDrift ?? []) kinds.set(statementKind(sql), (kinds.get(statementKind(sql)) ?? new Set()).add(`${r.seed}/${r.server}`));
    const clean = results.filter((r) => r.ok && (r.typeormDrift ?? []).length === 0).length;
    process.stdout.write(`\nTypeORM's schema builder after our migrations: nothing to do in ${clean} of ${results.filter((r) => r.ok).length} passing seed runs\n`);
    for (const [kind, seeds] of [...kinds].sort((a, b) => b[1].size - a[1].size).slice(0, 15)) {
      process.stdout.write(`  ${seeds.size} × ${kind}\n     seeds ${[...seeds].slice(0, 8).join(' ')}\n`);
    }
  }
  if (args.out) {
    mkdirSync(dirname(resolve(args.out)), { recursive: true });
    writeFileSync(resolve(args.out), `${JSON.stringify({ args, results }, null, 1)}\n`);
  }
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`test:fuzz: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
