/**
 * Every failure the toolkit reports has one of these stable codes. Each code belongs to
 * one exit status, so scripts can branch on `$?` without parsing messages.
 */
export const EXIT_STATUS = {
  'drift-detected': 1,
  'lint-failed': 1,
  'usage': 2,
  'config-not-found': 3,
  'config-invalid': 3,
  'no-entities': 3,
  'source-load-failed': 3,
  'connection-failed': 4,
  'auth-failed': 4,
  'database-missing': 4,
  'server-failed': 5,
  'migration-failed': 6,
  'seed-failed': 6,
  'migrations-pending': 7,
  'history-tampered': 7,
  'history-conflict': 7,
  'revision-not-found': 8,
  'revision-ambiguous': 8,
  'revision-out-of-range': 8,
  'name-not-found': 8,
  'name-ambiguous': 8,
  'confirmation-required': 9,
  'production-guard': 9,
  'data-loss-refused': 9,
  'aborted': 9,
  'tool-missing': 10,
  'tool-failed': 10,
  'io-failed': 11,
  'snapshot-failed': 12,
  'snapshot-exists': 12,
  'lock-timeout': 13,
  // A fleet run left some target failed or not started: run it again to resume.
  'fleet-incomplete': 14,
  'internal': 70,
  // 128 + SIGINT, as a shell reports a process Ctrl-C ended.
  'interrupted': 130,
} as const;

export type ErrorCode = keyof typeof EXIT_STATUS;

export function exitStatusFor(code: ErrorCode): number {
  return EXIT_STATUS[code];
}
