/**
 * stdout may be a file on a full disk (`db-manage upgrade --sql > plan.sql`) or a pipe the
 * reader closed (`| head`). Node reports either as an 'error' event nobody listens to, and
 * the process dies with a stack trace. Listening keeps the command running to its end;
 * the first failure is kept so the CLI can say what was lost.
 */
let lost: NodeJS.ErrnoException | null = null;

export function watchOutputStreams(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    lost ??= err;
  });
  // Nowhere left to report a failing stderr; it must not crash the command either.
  process.stderr.on('error', () => undefined);
}

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EROFS: 'read-only file system',
};

/**
 * The exit status once the command is over: a reader that went away (EPIPE) is normal
 * for `| head` and changes nothing; any other lost output is io-failed, on one line.
 */
export function statusAfterLostOutput(code: number, ioFailedStatus: number): number {
  if (!lost || lost.code === 'EPIPE') return code;
  const reason = REASONS[lost.code ?? ''] ?? lost.message.split('\n')[0];
  const done = code === 0 ? 'the command itself succeeded' : 'the command failed too';
  process.stderr.write(`error: cannot write the output: ${reason} (${done}). Free some space or send the output elsewhere\n`);
  return code === 0 ? ioFailedStatus : code;
}
