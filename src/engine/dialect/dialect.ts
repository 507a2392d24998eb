import type { Operation } from '../diff/operations';
import type { RenderOptions } from '../diff/to-sql';
import type { Queryable } from '../inspect/queryable';
import type { CatalogModelOptions } from '../model/catalog-model';
import type { TypeParts, TypeSpec } from '../model/canonical/canonical-type';
import type { SchemaModel } from '../model/schema-model';
import type { ParsedScript } from '../sql/pg-parser';

/**
 * Everything that knows which database server db-manage talks to, behind one interface.
 * PostgreSQL is the one implementation (./postgres.ts); the rest of the engine (entity
 * model, compare, order, reverse, render, lint rules, the runner, the CLI) is written
 * against the typed model and operations, not against a server. docs/architecture.md says
 * what adding MySQL or MariaDB would take.
 */
export interface Dialect {
  /** TypeORM's `type` for this server, as a data source names it. */
  readonly type: string;
  /** For messages: "PostgreSQL". */
  readonly label: string;
  /** The one module that quotes: identifiers and literals, safe under any server setting. */
  readonly quote: {
    ident(name: string): string;
    literal(text: string): string;
    qualify(schema: string, name: string): string;
  };
  /** The one vocabulary of column types: a canonical spelling, and any spelling taken apart. */
  readonly types: {
    canonical(spec: TypeSpec): string;
    parts(text: string): TypeParts;
  };
  /** Reads the live catalog into the same model the entities are read into. */
  readCatalog(db: Queryable, options: CatalogModelOptions): Promise<SchemaModel>;
  /** The statements of one typed operation, in run order. */
  render(op: Operation, options?: RenderOptions): string[];
  /** The server's own parser, for SQL someone wrote (lint, recorded migrations, data-loss checks). */
  readonly parser: {
    load(): Promise<void>;
    parse(sql: string): ParsedScript;
  };
}
