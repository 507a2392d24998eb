import { driverHost } from '../config/driver-url';
import { DbManageError } from '../errors/db-manage-error';

/** What the guard needs to know; gathered by the caller, so the rule itself is pure. */
export interface GuardFacts {
  /** The command, for the message: "reset", "restore", … */
  readonly action: string;
  readonly nodeEnv: string | undefined;
  /** The host the driver connects to (see hostOf); the embedded server is always local. */
  readonly host: string;
  readonly kind: 'embedded' | 'external';
  readonly force: boolean;
}

export type GuardVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string; readonly override: string };

/** Loopback names and addresses, and unix sockets (a host that is a path). */
export function isLocalHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === '' || h.startsWith('/')) return true;
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\./.test(h);
}

/**
 * NODE_ENV=production always refuses: no flag turns a production database into a
 * scratch one. A remote server refuses unless --force says the user knows it is not
 * production (a shared dev server, a container on another host).
 */
export function productionGuard(facts: GuardFacts): GuardVerdict {
  if (facts.nodeEnv === 'production') {
    return {
      allowed: false,
      reason: `${facts.action} refused: NODE_ENV is production`,
      override: 'db-manage never runs destructive commands in production; unset NODE_ENV (or set it to development) if this is not a production database',
    };
  }
  if (facts.kind === 'external' && !isLocalHost(facts.host) && !facts.force) {
    return {
      allowed: false,
      reason: `${facts.action} refused: the server ${facts.host} is not local`,
      override: 'Pass --force if it is a development server you mean to change',
    };
  }
  return { allowed: true };
}

export function assertProductionGuard(facts: GuardFacts): void {
  const verdict = productionGuard(facts);
  if (verdict.allowed) return;
  throw new DbManageError('production-guard', verdict.reason, {
    hint: verdict.override,
    details: { action: facts.action, host: facts.host, nodeEnv: facts.nodeEnv ?? null },
  });
}

/**
 * The host the driver connects to, decided as node-postgres decides it: `?host=` over the
 * URL's host, then PGHOST, then localhost. A URL the driver cannot read gives '?', which is
 * not local: the guard must not wave through what it cannot understand.
 */
export function hostOf(url: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return driverHost(url, env) ?? '?';
}
