import { parseStampTarget } from '../engine/revisions/revision-target';
import { runStamp, type StampResult } from '../engine/runner/run-stamp';
import type { ApiOptions } from './api-options';
import { withProject } from './project-session';

export interface StampOptions extends ApiOptions {
  /** head, base, or a migration's name, timestamp or unique prefix. */
  readonly target: string;
  /** Return the SQL that would run, without running it. */
  readonly sql?: boolean;
}

export type StampReport = StampResult;

/**
 * Records the history as "applied up to target" without running any migration, and
 * re-takes the checksums of the applied files: how a user adopts a database, accepts an
 * edited migration, or forgets a deleted one.
 */
export async function stamp(options: StampOptions): Promise<StampReport> {
  parseStampTarget(options.target); // a bad target is refused before anything connects
  return withProject(options, (_session, ds) => runStamp(ds, { target: options.target, dryRun: options.sql, onProgress: options.onProgress }), { entitiesOnDemand: true });
}
