import { projectVariables } from '../engine/config/connection-target';
import { DbManageError } from '../engine/errors/db-manage-error';
import { loadSeeds, selectSeeds } from '../engine/seed/load-seeds';
import { runSeeds, type SeedOutcome } from '../engine/seed/run-seeds';
import type { SampleCredential } from '../engine/seed/seed-module';
import type { ApiOptions } from './api-options';
import { withProject } from './project-session';

export interface SeedOptions extends ApiOptions {
  /** `--users N`: this many extra realistic users. */
  readonly users?: number;
  /** The seed registry, relative to cwd; defaults to src/seeds/index.ts. */
  readonly seeds?: string;
  /** Run only these seeds (by name), in registry order. */
  readonly only?: readonly string[];
}

export interface SeedReport {
  readonly database: string;
  readonly seeds: readonly SeedOutcome[];
  readonly created: number;
  readonly existing: number;
  /** Sample logins; always empty when NODE_ENV=production. */
  readonly credentials: readonly SampleCredential[];
  readonly production: boolean;
}

/** Runs the project's seed modules; idempotent, so running it twice adds nothing the second time. */
export async function seedDatabase(options: SeedOptions = {}): Promise<SeedReport> {
  const extraUsers = options.users ?? 0;
  if (!Number.isInteger(extraUsers) || extraUsers < 0) {
    throw new DbManageError('usage', `--users must be a whole number of users, not ${String(options.users)}`);
  }
  const cwd = options.cwd ?? process.cwd();
  const production = projectVariables({ cwd, env: options.env }).NODE_ENV === 'production';
  const registry = loadSeeds(cwd, options.seeds);
  const chosen = selectSeeds(registry.seeds, options.only);
  return withProject(options, async (_session, ds) => {
    const run = await runSeeds(ds, chosen, {
      production,
      extraUsers,
      onStep: (phase, name, ms) => options.onProgress?.({ kind: 'step', phase, label: `seed ${name}`, ms }),
      onNotice: (message) => options.onProgress?.({ kind: 'notice', message }),
    });
    return {
      database: ds.driver.database ?? '',
      seeds: run.seeds,
      created: run.seeds.reduce((n, s) => n + s.created, 0),
      existing: run.seeds.reduce((n, s) => n + s.existing, 0),
      credentials: run.credentials,
      production,
    };
  });
}
