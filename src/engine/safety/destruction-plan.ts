import { noun, plural } from '../text/plural';

/** One table a destructive command will empty or remove, with its rows right now. */
export interface PlannedTable {
  readonly schema: string;
  readonly table: string;
  readonly rows: number;
}

/** One column a destructive command will drop, with its non-null values right now. */
export interface PlannedColumn {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly values: number;
}

/**
 * Exactly what a destructive command is about to delete, shown before the user
 * confirms and returned in the result.
 */
export interface DestructionPlan {
  /** The command: "reset", "reset-table", "restore", … */
  readonly action: string;
  readonly database: string;
  /** Schemas that will be dropped and recreated. */
  readonly schemas: readonly string[];
  readonly tables: readonly PlannedTable[];
  /** Columns dropped from tables that stay (downgrade); absent when none. */
  readonly columns?: readonly PlannedColumn[];
  /** What happens to the data, in a few words: "dropped", "truncated", "replaced by snapshot x". */
  readonly effect: string;
  /** Anything else the user should know: cascades, unmanaged objects left alone. */
  readonly notes: readonly string[];
}

export function totalRows(plan: DestructionPlan): number {
  return plan.tables.reduce((sum, t) => sum + t.rows, 0);
}

/** One line saying what will go, for prompts and refusals. */
export function planSummary(plan: DestructionPlan): string {
  const parts: string[] = [];
  if (plan.schemas.length > 0) parts.push(`${plural(plan.schemas.length, 'schema')} (${plan.schemas.join(', ')})`);
  const columns = plan.columns ?? [];
  if (plan.tables.length > 0 || columns.length === 0) parts.push(`${plural(plan.tables.length, 'table')} with ${plural(totalRows(plan), 'row')}`);
  if (columns.length > 0) {
    const values = columns.reduce((sum, c) => sum + c.values, 0);
    parts.push(`${plural(columns.length, 'column')} with ${plural(values, 'value')}`);
  }
  return `${plan.action} on database ${plan.database}: ${parts.join(', ')} ${plan.effect}`;
}

/** The full plan for a confirmation prompt: the summary, then one line per table. */
export function describePlan(plan: DestructionPlan): string[] {
  const lines = [planSummary(plan)];
  const rows = [
    ...plan.tables.map((t) => [`${t.schema}.${t.table}`, t.rows, 'row'] as const),
    ...(plan.columns ?? []).map((c) => [`${c.schema}.${c.table}.${c.column}`, c.values, 'value'] as const),
  ];
  const width = Math.max(0, ...rows.map(([name]) => name.length));
  for (const [name, n, word] of rows) lines.push(`  ${name.padEnd(width)}  ${String(n).padStart(8)} ${noun(n, word)}`);
  for (const note of plan.notes) lines.push(`  note: ${note}`);
  return lines;
}
