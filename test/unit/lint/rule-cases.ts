import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { LintContext, LintStatement } from '../../../src/engine/lint/lint-statement';
import { lintStatements } from '../../../src/engine/lint/lint-statements';
import type { Rule } from '../../../src/engine/lint/rule';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

before(loadSqlParser);

/** One migration's SQL for a rule test; each string is one query call of `up`. */
export interface RuleCase {
  readonly name: string;
  readonly sql: readonly string[];
  /** Extra fields for every statement (typed context, transaction mode, ignores). */
  readonly statement?: Partial<LintStatement>;
  readonly context?: LintContext;
  /** lintErrors: how many violations (default 1) and what their messages say. */
  readonly count?: number;
  readonly message?: RegExp;
}

export const MIGRATION = 'Example1732200000000';

export function statementsOf(c: RuleCase): LintStatement[] {
  return c.sql.map((sql, index) => ({ sql, migration: MIGRATION, index, ...c.statement }));
}

/** squawk's lint_ok: every case passes the rule. */
export function lintOk(rule: Rule, cases: readonly RuleCase[]): void {
  assert.ok(cases.length > 0, 'lintOk needs at least one case');
  for (const c of cases) {
    test(`ok: ${c.name}`, () => {
      const { violations } = lintStatements(statementsOf(c), c.context, [rule]);
      assert.deepEqual(violations, []);
    });
  }
}

/** squawk's lint_errors: every case makes the rule fire, with its code and level. */
export function lintErrors(rule: Rule, cases: readonly RuleCase[]): void {
  assert.ok(cases.length > 0, 'lintErrors needs at least one case');
  for (const c of cases) {
    test(`fires: ${c.name}`, () => {
      const { violations } = lintStatements(statementsOf(c), c.context, [rule]);
      assert.equal(violations.length, c.count ?? 1, JSON.stringify(violations, null, 2));
      for (const v of violations) {
        assert.equal(v.code, rule.code);
        assert.equal(v.level, rule.level);
        assert.equal(v.location.migration, MIGRATION);
        assert.ok(v.help.length > 0);
        if (c.message) assert.match(v.message, c.message);
      }
    });
  }
}
