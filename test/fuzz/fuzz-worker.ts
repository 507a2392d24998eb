/**
 * One process runs a batch of seeds on one server and prints a JSON line per seed. The
 * runner (run-fuzz.ts) starts a new worker per batch: every loaded entity class stays in
 * TypeORM's global metadata storage, so a long run in one process would only get slower.
 */
import { InvariantFailure, checkScenario } from './round-trip-invariant';
import { featureSet } from './features';
import { scenarioFor } from './scenario';
import { shrinkScenario } from './shrink';
import { testTargets } from '../support/test-cluster';

export interface WorkerJob {
  readonly seeds: readonly number[];
  readonly server: 'embedded' | 'external';
  readonly edits: number;
  readonly repeat: number;
  readonly cliEvery: number;
  readonly features: { readonly base: 'sample' | 'all'; readonly with: readonly string[]; readonly without: readonly string[] };
  readonly shrink: boolean;
  readonly typeormDrift?: boolean;
}

export interface SeedResult {
  readonly seed: number;
  readonly server: string;
  readonly ok: boolean;
  readonly steps?: number;
  readonly migrations?: number;
  readonly ms: number;
  readonly failure?: { phase: string; step: number; detail: string; signature: string };
  readonly shrunk?: { file: string; entities: number; edits: number; trials: number };
  /** With --typeorm-drift: what TypeORM's schema builder still wanted after our migrations, over all steps. */
  readonly typeormDrift?: readonly string[];
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as WorkerJob;
  const target = testTargets().find((t) => t.name === job.server);
  if (!target) throw new Error(`server ${job.server} is not available (TEST_DATABASE_URL unset?)`);
  const on = featureSet(job.features.base, job.features.with, job.features.without);
  for (const seed of job.seeds) {
    const started = Date.now();
    const scenario = scenarioFor(seed, on, job.edits);
    let result: SeedResult;
    try {
      const done = await checkScenario(scenario, { target, repeat: job.repeat, cli: job.cliEvery > 0 && seed % job.cliEvery === 0, label: 'fuzz', typeormDrift: job.typeormDrift });
      result = { seed, server: job.server, ok: true, ...done, ms: Date.now() - started };
    } catch (err) {
      const failure =
        err instanceof InvariantFailure
          ? { phase: err.phase, step: err.step, detail: err.detail, signature: err.signature }
          : { phase: 'harness', step: -1, detail: err instanceof Error ? (err.stack ?? err.message) : String(err), signature: 'harness' };
      result = { seed, server: job.server, ok: false, ms: Date.now() - started, failure };
      if (job.shrink && err instanceof InvariantFailure) {
        const shrunk = await shrinkScenario(scenario, err, { target });
        result = { ...result, shrunk };
      }
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`fuzz worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
