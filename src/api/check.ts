import { projectDiff, summarise, type LoadedEntities, type OperationSummary } from '../engine/autogen/project-diff';
import type { ApiOptions } from './api-options';
import { withProject } from './project-session';

export type CheckOptions = ApiOptions;

export interface CheckReport {
  /** True when nothing is pending and the entities match the database. */
  readonly clean: boolean;
  readonly entities: LoadedEntities;
  /** Local migrations not applied yet. */
  readonly pending: readonly string[];
  /** What a migration would have to do; empty when the database matches. */
  readonly operations: readonly OperationSummary[];
  /** Declarations the diff does not compare, one line each: clean does not vouch for them. */
  readonly warnings: readonly string[];
}

/**
 * For CI: does the database match the entities, with every migration applied? The
 * operations are the very ones `migrate` would write.
 */
export async function check(options: CheckOptions = {}): Promise<CheckReport> {
  return withProject(options, async (session, ds) => {
    const diff = await projectDiff(ds, { schemas: session.config.schemas });
    return {
      clean: diff.pending.length === 0 && diff.operations.length === 0,
      entities: diff.entities,
      pending: diff.pending,
      operations: summarise(diff.operations),
      // What migrate warns about the entities (a default that reads like a call), and what is not compared.
      warnings: [...diff.warnings, ...diff.uncompared],
    };
  });
}
