import type * as Support from '../api/cli-support';

export type CliApi = typeof Support;

/**
 * Wording, masking, errors and exit statuses for the CLI, loaded on first use. A command
 * imports only its own API module when it runs (`await import('../../api/check')`), so neither
 * `--help` nor one command loads every other command's engine (bench/warm-baseline.ts).
 */
export function loadApi(): CliApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../api/cli-support') as typeof Support;
}
