import type { AnalyzedStatement } from '../analyze';
import type { Finding, Rule, RuleInput } from '../rule';

/** What a transaction statement does to the session's transaction, as the parser reads it. */
function effect(at: AnalyzedStatement): 'open' | 'close' | undefined {
  if (at.shape.kind !== 'transaction' || at.shape.effect === 'none') return undefined;
  return at.shape.effect;
}

function label(at: AnalyzedStatement): string {
  return at.shape.kind === 'transaction' && at.shape.command === 'START' ? 'START TRANSACTION' : at.shape.kind === 'transaction' ? at.shape.command : '';
}

function inRunnerTransaction(at: AnalyzedStatement, kind: 'open' | 'close'): string {
  const migration = at.source.migration;
  if (kind === 'open') {
    return `${label(at)} inside the transaction ${migration} already runs in does nothing but warn; the COMMIT or ROLLBACK meant to pair with it ends the migration's own transaction early`;
  }
  const undo = /^(ROLLBACK|ABORT)$/.test(label(at)) ? 'discards everything before it' : 'commits everything before it';
  return `${label(at)} ends the transaction ${migration} runs in: it ${undo}, and the statements after it run outside any transaction, so a later failure leaves the migration half-applied`;
}

function transactionNesting({ statements }: RuleInput): Finding[] {
  const out: Finding[] = [];
  let migration: string | undefined;
  /** In a migration run outside a transaction: the BEGIN that opened the transaction in progress. */
  let open: AnalyzedStatement | undefined;
  const unclosed = () => {
    if (open) {
      out.push({
        at: open,
        message: `${label(open)} opens a transaction that ${open.source.migration} never commits: it keeps its locks, and whatever runs next on the connection decides whether its changes are kept`,
      });
    }
    open = undefined;
  };
  for (const at of statements) {
    if (at.source.migration !== migration) {
      unclosed();
      migration = at.source.migration;
    }
    const kind = effect(at);
    if (!kind) continue;
    if (at.source.inTransaction === true) {
      out.push({ at, message: inRunnerTransaction(at, kind) });
    } else if (at.source.inTransaction === false) {
      // Unknown transaction mode: say nothing rather than guess.
      if (kind === 'close') {
        open = undefined;
      } else if (open) {
        out.push({
          at,
          message: `${label(at)} inside the transaction opened earlier in ${at.source.migration} does nothing but warn; the first COMMIT ends both`,
        });
      } else {
        open = at;
      }
    }
  }
  unclosed();
  return out;
}

export const rule: Rule = {
  code: 'transaction-nesting',
  summary: 'BEGIN, COMMIT or ROLLBACK in a migration that runs in a transaction, or a BEGIN never committed',
  level: 'error',
  help: 'Let the migration runner manage the transaction: remove BEGIN/COMMIT from a transactional migration; with `transaction = false`, close every BEGIN with a COMMIT in the same migration.',
  check: transactionNesting,
};
