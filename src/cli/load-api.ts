import type * as Api from '../api';

/**
 * The API pulls in TypeORM (~150 ms). Commands load it on first use, so `--help`,
 * usage errors and argument parsing stay fast.
 */
export function loadApi(): typeof Api {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../api') as typeof Api;
}
