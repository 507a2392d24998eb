import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface AskStreams {
  readonly input: Readable;
  readonly output: Writable;
  /** Terminal mode reads keys itself, so Ctrl-C arrives as a SIGINT event, not a signal. */
  readonly terminal?: boolean;
}

/** Thrown (as a plain value) when the user interrupts the prompt. */
export class PromptInterrupted extends Error {
  constructor(how: string) {
    super(`prompt interrupted (${how})`);
    this.name = 'PromptInterrupted';
  }
}

/**
 * Asks once. Only the exact answer `yes` counts: a stray `y` or Enter must not destroy
 * data. Ctrl-C or end of input rejects, so the caller aborts with nothing changed.
 */
export function askYes(question: string, streams: AskStreams): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: streams.input, output: streams.output, terminal: streams.terminal ?? false });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      rl.close();
      fn();
    };
    rl.on('SIGINT', () => {
      streams.output.write('\n');
      finish(() => reject(new PromptInterrupted('Ctrl-C')));
    });
    rl.on('close', () => {
      // Ctrl-D echoes nothing: end the prompt's line, or the error would be printed on it.
      if (!settled) streams.output.write('\n');
      finish(() => reject(new PromptInterrupted('end of input')));
    });
    rl.question(question, (answer) => finish(() => resolve(answer.trim() === 'yes')));
  });
}
