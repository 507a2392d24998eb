import { analyze } from './analyze';
import type { LintContext, LintStatement } from './lint-statement';
import type { Rule } from './rule';
import { RULES } from './rules';
import type { Violation } from './violation';

export interface LintResult {
  /** In run order; within a statement, in registry order. */
  readonly violations: readonly Violation[];
  /** Violations silenced by ignore comments. */
  readonly ignored: number;
  /** How many SQL statements were linted (a query call may hold several). */
  readonly statements: number;
}

/**
 * Lints statements in the order they run. Pure: the same input gives the same result,
 * with no database and no file system.
 */
export function lintStatements(input: readonly LintStatement[], context: LintContext = {}, rules: readonly Rule[] = RULES): LintResult {
  const statements = analyze(input, context);
  const order = new Map(statements.map((s, k) => [s, k]));
  const found: { order: number; rank: number; violation: Violation }[] = [];
  let ignored = 0;
  rules.forEach((rule, rank) => {
    for (const finding of rule.check({ statements, context })) {
      if (finding.at.ignore.has(rule.code)) {
        ignored++;
        continue;
      }
      const { source } = finding.at;
      found.push({
        order: order.get(finding.at) ?? 0,
        rank,
        violation: {
          code: rule.code,
          level: rule.level,
          message: finding.message,
          help: rule.help,
          location: { migration: source.migration, statement: source.index, file: source.file, line: source.line },
          sql: finding.at.sql,
          ...(finding.fix !== undefined ? { fix: finding.fix } : {}),
        },
      });
    }
  });
  found.sort((a, b) => a.order - b.order || a.rank - b.rank);
  return { violations: found.map((f) => f.violation), ignored, statements: statements.length };
}
