import { DbManageError } from '../errors/db-manage-error';
import { commandLine } from '../text/command-line';

/** Where `upgrade` should stop. */
export type UpgradeTarget = { readonly kind: 'head' } | { readonly kind: 'relative'; readonly steps: number } | { readonly kind: 'revision'; readonly query: string };

/** Where `downgrade` should stop: the migration that stays applied, or base (none). */
export type DowngradeTarget =
  | { readonly kind: 'base' }
  | { readonly kind: 'head' }
  | { readonly kind: 'relative'; readonly steps: number }
  | { readonly kind: 'revision'; readonly query: string };

/** What `stamp` should record as the applied state. */
export type StampTarget = { readonly kind: 'head' } | { readonly kind: 'base' } | { readonly kind: 'revision'; readonly query: string };

/** What each command accepts as a target, for the message that refuses an empty one. */
const TARGET_FORMS = {
  upgrade: 'head, +N or a migration; leave it out for head',
  downgrade: '-N, base, head or a migration; leave it out for one step',
  stamp: 'head, base or a migration',
  lint: 'a migration or a migration file; leave it out for every pending migration',
} as const;

/**
 * A target given as an empty string (a shell variable left empty: `upgrade "$TO"`) is a
 * mistake, not a request for the default: `downgrade ""` must not revert a step any more
 * than `stamp ""` rewrites the history. Every command that takes a target refuses it alike.
 */
export function givenTarget(command: keyof typeof TARGET_FORMS, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === '') {
    throw new DbManageError('usage', `${command} was given an empty target`, { hint: `Give ${TARGET_FORMS[command]}` });
  }
  return t;
}

function count(text: string, sign: '+' | '-'): number | null {
  const match = new RegExp(`^\\${sign}(\\d+)$`).exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new DbManageError('usage', `"${text}" is not a step count`, { hint: `Use ${sign}1 or more` });
  }
  return n;
}

/** `head` (the default), `+N`, or a revision. */
export function parseUpgradeTarget(text?: string): UpgradeTarget {
  const t = givenTarget('upgrade', text);
  if (t === undefined || t === 'head') return { kind: 'head' };
  const steps = count(t, '+');
  if (steps !== null) return { kind: 'relative', steps };
  if (/^-\d+$/.test(t) || t === 'base') {
    throw new DbManageError('usage', `upgrade cannot go back to "${t}"`, { hint: `Use ${commandLine('downgrade', t)}` });
  }
  return { kind: 'revision', query: t };
}

/** One step (the default), `-N`, `steps`, `base`, `head` (nothing) or a revision. */
export function parseDowngradeTarget(text?: string, steps?: number): DowngradeTarget {
  const t = givenTarget('downgrade', text);
  if (steps !== undefined) {
    if (t) throw new DbManageError('usage', 'give either a target or --steps, not both');
    if (!Number.isSafeInteger(steps) || steps < 1) throw new DbManageError('usage', `--steps must be 1 or more (got ${steps})`);
    return { kind: 'relative', steps };
  }
  if (t === undefined) return { kind: 'relative', steps: 1 };
  if (t === 'base') return { kind: 'base' };
  if (t === 'head') return { kind: 'head' };
  const n = count(t, '-');
  if (n !== null) return { kind: 'relative', steps: n };
  if (/^\+\d+$/.test(t)) {
    throw new DbManageError('usage', `downgrade cannot go forward to "${t}"`, { hint: `Use ${commandLine('upgrade', t)}` });
  }
  return { kind: 'revision', query: t };
}

/** `head`, `base` or a revision. */
export function parseStampTarget(text: string): StampTarget {
  const t = givenTarget('stamp', text) ?? '';
  if (t === 'head') return { kind: 'head' };
  if (t === 'base') return { kind: 'base' };
  if (/^[+-]\d+$/.test(t)) {
    throw new DbManageError('usage', `stamp needs a revision, head or base (got "${t}")`);
  }
  return { kind: 'revision', query: t };
}
