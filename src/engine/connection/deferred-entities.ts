import { dirname, extname, resolve } from 'node:path';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { EntitySchemaTransformer } from 'typeorm/entity-schema/EntitySchemaTransformer';
import { getMetadataArgsStorage } from 'typeorm/globals';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { EntityMetadataBuilder } from 'typeorm/metadata-builder/EntityMetadataBuilder';
import { EntityMetadataValidator } from 'typeorm/metadata-builder/EntityMetadataValidator';
import { InstanceChecker } from 'typeorm/util/InstanceChecker';

/**
 * Running migrations needs the migration classes, not entity metadata: loading 300 entity
 * files and building their metadata is most of a warm `upgrade` with nothing to do. So
 * upgrade, downgrade, stamp, history and current connect with no entities and load and build
 * them the first time anything asks (a migration reaching for `queryRunner.manager`, a
 * repository or `connection.getMetadata`), as TypeORM itself would have at connect.
 *
 * The first ask is synchronous (getRepository is), so entity globs are read with require:
 * an ES module project, whose files must be imported, builds them at connect as before.
 */
export interface DeferredEntities {
  /** The options to connect with: no entities. */
  readonly options: DataSourceOptions;
  /** After initialize(): the metadata is built on first use. */
  install(ds: DataSource): void;
}

const FORMATS = ['.js', '.cjs', '.ts', '.cts'];

/** TypeORM's own glob library, resolved from TypeORM, so a glob matches what it would match. */
function globSync(pattern: string): string[] {
  const from = dirname(require.resolve('typeorm'));
  const tinyglobby = require(require.resolve('tinyglobby', { paths: [from] })) as { globSync: (p: string) => string[] };
  return tinyglobby.globSync(pattern.replace(/\\/g, '/'));
}

function exportedClasses(exported: unknown, into: unknown[]): unknown[] {
  if (typeof exported === 'function' || InstanceChecker.isEntitySchema(exported)) into.push(exported);
  else if (Array.isArray(exported)) for (const v of exported) exportedClasses(v, into);
  else if (exported !== null && typeof exported === 'object') for (const v of Object.values(exported)) exportedClasses(v, into);
  return into;
}

/** What TypeORM's ConnectionMetadataBuilder does at connect, without its asynchronous import. */
function buildMetadata(ds: DataSource, entities: readonly unknown[]): EntityMetadata[] {
  const list = entities.flatMap((e) => (typeof e === 'string' ? globSync(e) : [e]));
  const loaded = list.flatMap((e) => {
    if (typeof e !== 'string') return [e];
    if (!FORMATS.includes(extname(e)) || e.endsWith('.d.ts')) return [];
    return exportedClasses(require(resolve(e)), []);
  });
  const classes = loaded.filter((e) => !InstanceChecker.isEntitySchema(e)) as Function[];
  const schemas = loaded.filter((e) => InstanceChecker.isEntitySchema(e)) as Parameters<EntitySchemaTransformer['transform']>[0];
  const metadata = [
    ...new EntityMetadataBuilder(ds, getMetadataArgsStorage()).build(classes),
    ...new EntityMetadataBuilder(ds, new EntitySchemaTransformer().transform(schemas)).build(),
  ];
  new EntityMetadataValidator().validateMany(metadata.filter((m) => m.tableType !== 'view'), ds.driver);
  for (const m of metadata) {
    const target = m.target as { useDataSource?: (ds: DataSource) => void };
    if (InstanceChecker.isBaseEntityConstructor(target)) target.useDataSource!(ds);
  }
  return metadata;
}

/** The data sources whose entities were deferred, so a twin of one (a dry run's) defers too. */
const DEFERRED = new WeakSet<DataSource>();

/** A twin's options, deferred as `source` was. */
export function deferLike(source: DataSource, options: DataSourceOptions): DeferredEntities | null {
  return DEFERRED.has(source) ? deferEntities(options, false) : null;
}

/** Defers the entities of `options` (unless `esModule` with globs among them). */
export function deferEntities(options: DataSourceOptions, esModule: boolean): DeferredEntities | null {
  const entities = Object.values(options.entities ?? {}) as unknown[];
  if (entities.length === 0 || (esModule && entities.some((e) => typeof e === 'string'))) return null;
  return {
    options: { ...options, entities: [] },
    install(ds) {
      DEFERRED.add(ds);
      const fields = { entityMetadatas: [] as EntityMetadata[], entityMetadatasMap: new Map<unknown, EntityMetadata>() };
      const own = ds as unknown as Record<string, unknown>;
      let building = false;
      for (const f of Object.keys(fields) as (keyof typeof fields)[]) {
        Object.defineProperty(ds, f, {
          configurable: true,
          enumerable: true,
          get() {
            // Asked while building (TypeORM looking itself up): what there is so far.
            if (building) return fields[f];
            building = true;
            try {
              const built = buildMetadata(ds, entities);
              for (const k of Object.keys(fields)) delete own[k];
              Object.assign(ds, { entityMetadatas: built, entityMetadatasMap: new Map(built.map((m) => [m.target, m])) });
            } finally {
              building = false;
            }
            return own[f];
          },
        });
      }
      Object.assign(ds.options, { entities: options.entities });
    },
  };
}
