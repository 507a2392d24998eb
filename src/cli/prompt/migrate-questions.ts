import type { OperationSummary, RenameQuestion } from '../../api';
import type { Output } from '../output/output';
import { askYes } from './ask-yes';

/** The terminal side of migrate's questions; absent without a terminal, so the API decides. */
export interface MigrateQuestions {
  readonly confirmRename?: (question: RenameQuestion) => Promise<boolean>;
  readonly confirmDataLoss?: (operations: readonly OperationSummary[]) => Promise<boolean>;
}

function ask(out: Output, question: string): Promise<boolean> {
  out.close();
  const output = out.json ? process.stderr : process.stdout;
  return askYes(question, { input: process.stdin, output, terminal: true });
}

const typed = (type: string | undefined) => (type ? ` (${type})` : '');

/** Only a typed `yes` confirms: a stray Enter must neither rename nor drop. */
export function migrateQuestions(out: Output, interactive: boolean): MigrateQuestions {
  if (!interactive) return {};
  return {
    confirmRename: (q) =>
      ask(out, `Did you rename ${q.from}${typed(q.fromType)} to ${q.to.split('.').pop()}${typed(q.toType)}? Type ${out.c.bold('yes')} to rename (keeps the data), anything else to drop and add: `),
    confirmDataLoss: (operations) => {
      out.warn(`this migration loses data:`);
      for (const op of operations) out.line(`  ${out.c.yellow('!')} ${op.destructive}`);
      return ask(out, `Type ${out.c.bold('yes')} to write it anyway: `);
    },
  };
}
