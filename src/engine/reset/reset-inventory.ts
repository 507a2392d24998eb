import type { Queryable } from '../inspect/queryable';
import type { ManagedEnum, ManagedObjects, ManagedTable } from '../safety/managed-objects';
import {
  enumsUsedOutside,
  objectKey,
  objectsInSchemas,
  pairKey,
  userSchemas,
  type CatalogObject,
  type DatabaseObject,
} from './database-objects';

/** What a full reset drops and what it keeps, read from the live catalog. */
export interface ResetInventory {
  /** Everything that goes, tables and enum types the entities manage included. */
  readonly drop: readonly CatalogObject[];
  readonly tables: readonly ManagedTable[];
  readonly enums: readonly ManagedEnum[];
  /** Dropped though the entities do not manage them: a migration of the project makes them. */
  readonly fromMigrations: readonly CatalogObject[];
  /** Enum types the entities manage that a table the reset keeps uses: kept. */
  readonly sharedEnums: readonly DatabaseObject[];
  readonly leftAlone: readonly CatalogObject[];
  /** Schemas that exist now. */
  readonly schemas: readonly string[];
}

/**
 * Splits the live database in two. Dropped: the entities' tables and enum types, the
 * history tables, and every object a database built by the migrations alone also has
 * (same kind, schema, name and arguments), since replaying the migrations makes it
 * again. Left alone: everything else, which no migration of the project made.
 */
export async function resetInventory(
  db: Queryable,
  managed: ManagedObjects,
  history: readonly ManagedTable[],
  reference: readonly CatalogObject[],
): Promise<ResetInventory> {
  const schemas = await userSchemas(db);
  const objects = await objectsInSchemas(db, schemas);
  const made = new Set(reference.map(objectKey));
  const ownedTables = new Set([...managed.tables, ...history].map((t) => pairKey(t.schema, t.table)));
  const ownedEnums = new Set(managed.enums.map((e) => pairKey(e.schema, e.name)));
  const owned = (o: CatalogObject) =>
    (o.kind === 'table' && ownedTables.has(pairKey(o.schema, o.name))) || (o.kind === 'enum type' && ownedEnums.has(pairKey(o.schema, o.name)));
  let drop = objects.filter((o) => owned(o) || made.has(objectKey(o)));
  const tables = drop.filter((o) => o.kind === 'table').map((o) => ({ schema: o.schema, table: o.name }));
  const enumCandidates = drop.filter((o) => o.kind === 'enum type').map((o) => ({ schema: o.schema, name: o.name }));
  const relations = drop.filter((o) => /table|view/.test(o.kind)).map((o) => ({ schema: o.schema, table: o.name }));
  const sharedEnums = await enumsUsedOutside(db, enumCandidates, relations);
  const shared = new Set(sharedEnums.map((e) => pairKey(e.schema, e.name)));
  drop = drop.filter((o) => !(o.kind === 'enum type' && shared.has(pairKey(o.schema, o.name))));
  const dropped = new Set(drop.map(objectKey));
  return {
    drop,
    tables,
    enums: drop.filter((o) => o.kind === 'enum type').map((o) => ({ schema: o.schema, name: o.name })),
    fromMigrations: drop.filter((o) => !owned(o)),
    sharedEnums,
    leftAlone: objects.filter((o) => !dropped.has(objectKey(o))),
    schemas,
  };
}
