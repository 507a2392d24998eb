import type * as Api from '../api';
import type * as Support from '../api/cli-support';

export type CliApi = typeof Api & typeof Support;

/**
 * The API pulls in TypeORM (~150 ms). Commands load it on first use, so `--help`,
 * usage errors and argument parsing stay fast. The CLI also gets its wording and masking
 * helpers here, which are not part of the package's public surface.
 */
export function loadApi(): CliApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { ...(require('../api') as typeof Api), ...(require('../api/cli-support') as typeof Support) };
}
