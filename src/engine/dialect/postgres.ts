import { renderOperation } from '../diff/to-sql';
import { catalogModel } from '../model/catalog-model';
import { canonicalType, typeParts } from '../model/canonical/canonical-type';
import { loadSqlParser, parseScript } from '../sql/pg-parser';
import { qualify, quoteIdent, quoteLiteral } from '../sql/quote';
import type { Dialect } from './dialect';

/** PostgreSQL: the catalog queries, format_type()'s type names, the renderer and libpg-query. */
export const postgres: Dialect = {
  type: 'postgres',
  label: 'PostgreSQL',
  quote: { ident: quoteIdent, literal: quoteLiteral, qualify },
  types: { canonical: canonicalType, parts: typeParts },
  readCatalog: catalogModel,
  render: (op, options = {}) => renderOperation(op, options),
  parser: { load: loadSqlParser, parse: parseScript },
};
