import type { ErrorCode } from './error-codes';

export interface DbManageErrorOptions {
  /** What the user should do next; appended to the one-line message. */
  readonly hint?: string;
  readonly cause?: unknown;
  /** Structured facts for `--json` output and for callers of the API. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The one error type that crosses module boundaries. */
export class DbManageError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: DbManageErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DbManageError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? {};
  }

  /** The message and the hint on one line, as the CLI prints it. */
  get oneLine(): string {
    // A message may end in its own full stop (TypeScript's "Expression expected.").
    const text = this.hint ? `${this.message}${/[.!?]$/.test(this.message) ? '' : '.'} ${this.hint}` : this.message;
    return text.replace(/\s*\n\s*/g, ' ');
  }
}

export function isDbManageError(value: unknown): value is DbManageError {
  return value instanceof DbManageError;
}
