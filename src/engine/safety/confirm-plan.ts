import { DbManageError } from '../errors/db-manage-error';
import { planSummary, type DestructionPlan } from './destruction-plan';

/** How a destructive API call gets its go-ahead. */
export interface ConfirmOptions {
  /** The user already said yes (`--yes`). */
  readonly yes?: boolean;
  /**
   * Asks the user about the plan; the CLI passes one only on a TTY. Resolve false (or
   * reject) to abort. Without it and without `yes`, the call refuses.
   */
  readonly confirm?: (plan: DestructionPlan) => Promise<boolean>;
}

/**
 * The confirmation rule. It runs before anything is changed, so refusing or aborting
 * always leaves the database as it was.
 */
export async function confirmPlan(plan: DestructionPlan, options: ConfirmOptions): Promise<void> {
  if (options.yes) return;
  if (!options.confirm) {
    throw new DbManageError('confirmation-required', `${planSummary(plan)}; it needs confirmation and there is no terminal to ask on`, {
      hint: 'Run it in a terminal to be asked, or pass --yes to confirm. Nothing was changed',
      details: { plan },
    });
  }
  let answer: boolean;
  try {
    answer = await options.confirm(plan);
  } catch (cause) {
    if (cause instanceof DbManageError) throw cause;
    throw new DbManageError('aborted', `${plan.action} aborted`, { cause, hint: 'Nothing was changed' });
  }
  if (!answer) throw new DbManageError('aborted', `${plan.action} aborted: not confirmed`, { hint: 'Nothing was changed' });
}
