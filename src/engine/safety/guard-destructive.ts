import { projectVariables } from '../config/connection-target';
import type { ResolvedConnection } from '../connection/resolve-connection';
import type { Queryable } from '../inspect/queryable';
import { tableCounts } from '../inspect/table-counts';
import type { ConfirmOptions } from './confirm-plan';
import type { DestructionPlan } from './destruction-plan';
import type { ManagedTable } from './managed-objects';
import { assertProductionGuard, hostOf } from './production-guard';

/** The options every destructive API call accepts. */
export interface SafetyOptions extends ConfirmOptions {
  /** Allow a server that is not local (never overrides NODE_ENV=production). */
  readonly force?: boolean;
}

export interface ServerFacts {
  readonly action: string;
  readonly conn: ResolvedConnection;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly force?: boolean;
}

/** The production guard with its facts read from the environment, `.env` and the URL. */
export function guardServer(facts: ServerFacts): void {
  const vars = projectVariables({ cwd: facts.cwd, env: facts.env });
  assertProductionGuard({
    action: facts.action,
    nodeEnv: vars.NODE_ENV,
    host: facts.conn.kind === 'embedded' ? '127.0.0.1' : hostOf(facts.conn.url),
    kind: facts.conn.kind,
    force: Boolean(facts.force),
  });
}

export interface PlanRequest {
  readonly action: string;
  readonly database: string;
  /** Tables that will lose their rows; 'all' for every user table (restore). */
  readonly tables: readonly ManagedTable[] | 'all';
  readonly schemas?: readonly string[];
  readonly effect: string;
  readonly notes?: readonly string[];
}

/** Counts the rows at stake now; tables that do not exist yet are left out. */
export async function buildPlan(db: Queryable, request: PlanRequest): Promise<DestructionPlan> {
  const counts = await tableCounts(db);
  // (schema, table) pairs, never "schema.table": "a"."b.c" and "a.b"."c" are different tables.
  const key = (schema: string, table: string) => JSON.stringify([schema, table]);
  const wanted = request.tables === 'all' ? null : new Set(request.tables.map((t) => key(t.schema, t.table)));
  return {
    action: request.action,
    database: request.database,
    schemas: [...(request.schemas ?? [])],
    tables: counts.filter((c) => !wanted || wanted.has(key(c.schema, c.table))),
    effect: request.effect,
    notes: [...(request.notes ?? [])],
  };
}
