/** One table a destructive command will empty or remove, with its rows right now. */
export interface PlannedTable {
  readonly schema: string;
  readonly table: string;
  readonly rows: number;
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
  /** What happens to the data, in a few words: "dropped", "truncated", "replaced by snapshot x". */
  readonly effect: string;
  /** Anything else the user should know: cascades, unmanaged objects left alone. */
  readonly notes: readonly string[];
}

export function totalRows(plan: DestructionPlan): number {
  return plan.tables.reduce((sum, t) => sum + t.rows, 0);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line saying what will go, for prompts and refusals. */
export function planSummary(plan: DestructionPlan): string {
  const parts: string[] = [];
  if (plan.schemas.length > 0) parts.push(`${plural(plan.schemas.length, 'schema')} (${plan.schemas.join(', ')})`);
  parts.push(`${plural(plan.tables.length, 'table')} with ${plural(totalRows(plan), 'row')}`);
  return `${plan.action} on database ${plan.database}: ${parts.join(', ')} ${plan.effect}`;
}

/** The full plan for a confirmation prompt: the summary, then one line per table. */
export function describePlan(plan: DestructionPlan): string[] {
  const lines = [planSummary(plan)];
  const width = Math.max(0, ...plan.tables.map((t) => `${t.schema}.${t.table}`.length));
  for (const t of plan.tables) lines.push(`  ${`${t.schema}.${t.table}`.padEnd(width)}  ${String(t.rows).padStart(8)} rows`);
  for (const note of plan.notes) lines.push(`  note: ${note}`);
  return lines;
}
