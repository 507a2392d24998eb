import type { MigrationRef } from '../history/migration-ref';

/** How migrations are wrapped: each in its own transaction, all in one, or none. */
export type TransactionMode = 'each' | 'all' | 'none';

export const TRANSACTION_MODES: readonly TransactionMode[] = ['each', 'all', 'none'];

/** The progress events the runner emits; a subset of the API's ProgressEvent. */
export type RunnerEvent =
  | { readonly kind: 'step'; readonly phase: 'start' | 'done' | 'fail'; readonly label: string; readonly ms?: number }
  | { readonly kind: 'notice'; readonly message: string };

export type RunnerProgress = (event: RunnerEvent) => void;

/** One migration that ran. */
export interface StepReport extends MigrationRef {
  readonly ms: number;
  /** Whether it ran inside a transaction (its own, or the run's with --transaction all). */
  readonly transaction: boolean;
}

/** The SQL of one part of a `--sql` run, in order. */
export interface SqlBlock {
  /** "history tables", or the migration and its direction. */
  readonly label: string;
  readonly statements: readonly string[];
}
