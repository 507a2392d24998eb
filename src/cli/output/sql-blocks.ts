import type { SqlBlock } from '../../api';
import type { Output } from './output';

/** Prints `--sql` output as a script psql can run: a comment per part, one statement per line. */
export function printSqlBlocks(out: Output, blocks: readonly SqlBlock[]): void {
  if (blocks.every((b) => b.statements.length === 0)) {
    out.line('-- nothing to run');
    return;
  }
  for (const block of blocks) {
    if (block.statements.length === 0) continue;
    out.line(`-- ${block.label}`);
    for (const statement of block.statements) out.line(`${statement.trim().replace(/;$/, '')};`);
    out.line();
  }
}
