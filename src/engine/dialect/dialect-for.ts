import { DbManageError } from '../errors/db-manage-error';
import type { Dialect } from './dialect';
import { postgres } from './postgres';

/** The dialects db-manage has, by TypeORM's `type`. A second server is one more entry here. */
const DIALECTS: Readonly<Record<string, Dialect>> = { postgres };

/** The dialect for a data source's `type`, or one config-invalid line naming what there is. */
export function dialectFor(type: unknown, source: string): Dialect {
  const dialect = typeof type === 'string' ? DIALECTS[type] : undefined;
  if (dialect) return dialect;
  const supported = Object.keys(DIALECTS).join(', ');
  throw new DbManageError('config-invalid', `${source} uses type "${String(type)}"; db-manage supports ${supported} only`, {
    hint: `Set type: "${Object.keys(DIALECTS)[0]}" in the data source`,
  });
}
