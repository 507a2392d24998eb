/**
 * db-manage/engine: the diff as data, for tools built on db-manage. Entities and catalog
 * become SchemaModels, compare() yields typed operations, and each operation renders to SQL,
 * reverses, describes itself and says whether it loses data. Semver-minor may change these
 * shapes; the commands in 'db-manage' are the stable surface.
 */
export { catalogFingerprint } from '../engine/inspect/catalog-fingerprint';
export type { FingerprintOptions } from '../engine/inspect/catalog-fingerprint';
/** Await loadSqlParser() once before the first compare(): expressions compare as parse trees. */
export { compare } from '../engine/diff/compare';
export { loadSqlParser } from '../engine/sql/pg-parser';
export { reverse, reverseAll } from '../engine/diff/reverse';
export { compareWithRenames, renameCandidates } from '../engine/diff/renames';
export type { Rename, RenameCandidate } from '../engine/diff/renames';
export { toSql } from '../engine/diff/to-sql';
export { describeOperation } from '../engine/diff/describe';
export { destructive } from '../engine/diff/destructive';
export type { Operation, OperationKind, Irreversible, EnumUsage, TableRef } from '../engine/diff/operations';
export { renderMigration } from '../engine/render/render-migration';
export { entityModel } from '../engine/model/entity-model';
export { catalogModel } from '../engine/model/catalog-model';
export type { CatalogModelOptions } from '../engine/model/catalog-model';
export type { SchemaModel, TableModel, ColumnModel, EnumModel, IndexModel, ForeignKeyModel } from '../engine/model/schema-model';
