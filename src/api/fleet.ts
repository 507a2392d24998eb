import { maskUrl } from '../engine/config/mask-url';
import { DbManageError, isDbManageError } from '../engine/errors/db-manage-error';
import { exitStatusFor } from '../engine/errors/error-codes';
import { parseTargets, shardOf, type FleetTarget, type Shard } from '../engine/fleet/fleet-targets';
import { runFleet, type TargetOutcome } from '../engine/fleet/run-fleet';
import { readProjectConfig } from '../engine/project/project-config';
import type { ApiOptions, ProgressEvent } from './api-options';
import { check } from './check';
import { current } from './current';
import { upgrade } from './upgrade';

export type FleetAction = 'upgrade' | 'status' | 'check';

export interface FleetOptions extends Omit<ApiOptions, 'url'> {
  /** The targets file's text (one target a line), or targets already read. */
  readonly targets: string | readonly FleetTarget[];
  /** Where the text came from, for messages: a file name or "standard input". */
  readonly targetsSource?: string;
  /** How many targets run at once; default 4. */
  readonly concurrency?: number;
  /** Upgrade the first K targets first and stop if any fails. */
  readonly canary?: number;
  /** Keep going after a target fails; by default no new target starts. */
  readonly continueOnError?: boolean;
  /** Take only this part of the fleet (for N CI jobs). */
  readonly shard?: Shard;
  /** Called as each target finishes (or is skipped, at the end). */
  readonly onTarget?: (report: FleetTargetReport) => void;
  /** Called as a target starts, with its name as written (password masked). */
  readonly onTargetStart?: (target: string) => void;
  /** A target's own progress (the migration being applied), as its command reports it. */
  readonly onTargetProgress?: (target: string, event: ProgressEvent) => void;
}

export interface FleetTargetReport {
  /** The target as written, password masked. */
  readonly target: string;
  readonly line: number;
  readonly status: 'ok' | 'failed' | 'skipped';
  readonly ms?: number;
  readonly error?: { readonly code: string; readonly message: string; readonly hint?: string };
  /** upgrade: the migrations applied now. */
  readonly applied?: readonly string[];
  /** The applied head (after the upgrade); null at base. */
  readonly current?: string | null;
  /** status, check: migrations not applied. */
  readonly pending?: number;
  /** check: the entities match and nothing is pending. */
  readonly clean?: boolean;
  /** check: what a migration would have to do. */
  readonly drift?: readonly string[];
}

export interface FleetReport {
  readonly action: FleetAction;
  readonly shard: Shard | null;
  readonly targets: readonly FleetTargetReport[];
  readonly ok: number;
  readonly failed: number;
  readonly skipped: number;
  /** upgrade: every target at head; status: every target read; check: every target clean. */
  readonly complete: boolean;
}

type Facts = Omit<FleetTargetReport, 'target' | 'line' | 'status' | 'ms' | 'error'>;

function errorOf(err: unknown): FleetTargetReport['error'] {
  if (isDbManageError(err)) return { code: err.code, message: maskUrl(err.message), hint: err.hint ? maskUrl(err.hint) : undefined };
  return { code: 'internal', message: maskUrl(err instanceof Error ? err.message : String(err)) };
}

function reportOf(outcome: TargetOutcome<Facts>): FleetTargetReport {
  const base = { target: outcome.target.name, line: outcome.target.line };
  if (outcome.status === 'skipped') return { ...base, status: 'skipped' };
  if (outcome.status === 'failed') return { ...base, status: 'failed', ms: outcome.ms, error: errorOf(outcome.error) };
  return { ...base, status: 'ok', ms: outcome.ms, ...outcome.value };
}

/**
 * Schema targets need migrations that leave the default schema unqualified, which migrate
 * writes once the project says it is schema per tenant.
 */
function assertSchemaTargetsAllowed(targets: readonly FleetTarget[], source: string, cwd: string | undefined): void {
  const schema = targets.find((t) => t.kind === 'schema');
  if (!schema || readProjectConfig(cwd ?? process.cwd()).schemaPerTenant) return;
  throw new DbManageError('config-invalid', `${source} line ${schema.line}: ${schema.name}: this project is not schema per tenant`, {
    hint: 'Set "db-manage": { "schemaPerTenant": true } in package.json, so migrate writes migrations that run in any schema (existing migrations that name the default schema act on it, not on the tenant), or list a postgres:// URL per tenant database',
    details: { line: schema.line },
  });
}

async function runAction(action: FleetAction, options: FleetOptions, task: (api: ApiOptions) => Promise<Facts>): Promise<FleetReport> {
  const source = options.targetsSource ?? 'the targets';
  const all = typeof options.targets === 'string' ? parseTargets(options.targets, source) : options.targets;
  assertSchemaTargetsAllowed(all, source, options.cwd);
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new DbManageError('usage', `--concurrency ${concurrency} is not a whole number of at least 1`, { hint: 'For example --concurrency 8' });
  const targets = options.shard ? shardOf(all, options.shard) : all;
  const api: ApiOptions = { cwd: options.cwd, env: options.env, datasource: options.datasource };
  const outcomes = await runFleet(targets, {
    concurrency,
    canary: options.canary,
    continueOnError: options.continueOnError,
    // A tenant that cannot be reached is reported and the others go on: it is about that
    // tenant's server, not about the migrations (exit status 4's codes).
    stopsTheRun: (error) => !(isDbManageError(error) && exitStatusFor(error.code) === exitStatusFor('connection-failed')),
    onStart: (target) => options.onTargetStart?.(target.name),
    onDone: (outcome) => options.onTarget?.(reportOf(outcome as TargetOutcome<Facts>)),
  }, (target) => {
    const onProgress = options.onTargetProgress ? (event: ProgressEvent) => options.onTargetProgress?.(target.name, event) : undefined;
    return task(target.kind === 'database' ? { ...api, url: target.url, onProgress } : { ...api, tenantSchema: target.schema, onProgress });
  });
  const reports = outcomes.map(reportOf);
  for (const r of reports) if (r.status === 'skipped') options.onTarget?.(r);
  const count = (status: FleetTargetReport['status']) => reports.filter((r) => r.status === status).length;
  const ok = count('ok');
  const complete = ok === reports.length && (action !== 'check' || reports.every((r) => r.clean));
  return { action, shard: options.shard ?? null, targets: reports, ok, failed: count('failed'), skipped: count('skipped'), complete };
}

/** Applies every pending migration on every target; a run killed and started again picks up where each target is. */
export function fleetUpgrade(options: FleetOptions): Promise<FleetReport> {
  return runAction('upgrade', options, async (api) => {
    const report = await upgrade(api);
    return { applied: report.applied.map((m) => m.name), current: report.to?.name ?? null };
  });
}

/** Each target's applied head and how many migrations it has pending. */
export function fleetStatus(options: FleetOptions): Promise<FleetReport> {
  return runAction('status', options, async (api) => {
    const report = await current(api);
    return { current: report.current?.name ?? null, pending: report.pending };
  });
}

/** Each target's drift: pending migrations, and what the entities would still change. */
export function fleetCheck(options: FleetOptions): Promise<FleetReport> {
  return runAction('check', options, async (api) => {
    const report = await check(api);
    return { clean: report.clean, pending: report.pending.length, drift: report.operations.map((o) => o.description) };
  });
}
