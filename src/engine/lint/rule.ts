import type { ActionFacts, AnalyzedStatement } from './analyze';
import type { LintContext } from './lint-statement';
import type { AlterAction } from './sql/shape';

/** error: exits 1 and stops a production upgrade. warning: reported only. */
export type Level = 'error' | 'warning';

export interface RuleInput {
  /** Every statement of the run, in run order. */
  readonly statements: readonly AnalyzedStatement[];
  readonly context: LintContext;
}

/** A rule's raw result: where, and what is wrong there. The engine adds code, level and help. */
export interface Finding {
  readonly at: AnalyzedStatement;
  readonly message: string;
  /** The statement rewritten the safe way, where a rewrite keeps its meaning. */
  readonly fix?: string;
}

/** One lock-aware rule. Its code names its docs page, docs/rules/<code>.md. */
export interface Rule {
  /** Stable kebab-case code, used in ignore comments and docs. */
  readonly code: string;
  /** One line: what the rule catches. */
  readonly summary: string;
  readonly level: Level;
  /** The safe alternative, in a sentence or two. */
  readonly help: string;
  readonly check: (input: RuleInput) => Finding[];
}

export interface ActionAt<K extends AlterAction['kind']> {
  readonly at: AnalyzedStatement;
  readonly action: Extract<AlterAction, { kind: K }>;
  readonly facts: ActionFacts;
}

/** Every ALTER TABLE sub-command of the given kinds, with its statement and facts. */
export function actionsOf<K extends AlterAction['kind']>(statements: readonly AnalyzedStatement[], ...kinds: K[]): ActionAt<K>[] {
  const out: ActionAt<K>[] = [];
  for (const at of statements) {
    if (at.shape.kind !== 'alter-table') continue;
    at.shape.actions.forEach((action, k) => {
      if ((kinds as string[]).includes(action.kind)) {
        out.push({ at, action: action as Extract<AlterAction, { kind: K }>, facts: at.actionFacts[k] });
      }
    });
  }
  return out;
}

/** Quotes an identifier for a message the way PostgreSQL would print it. */
export function q(name: string): string {
  return `"${name}"`;
}

/** Whether a statement was written by hand: style rules (types, drops) apply only there. */
export function handWritten(at: AnalyzedStatement): boolean {
  return at.source.generated !== true && at.source.operation === undefined;
}
