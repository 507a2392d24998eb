import { enumOfType } from '../model/canonical/canonical-type';
import { columnKey, qualifiedKey, type EnumModel, type ForeignKeyModel, type GeneratedRecord, type SchemaModel, type TableModel } from '../model/schema-model';
import { compareTable } from './compare-table';
import { tableDefinition, type EnumUsage, type Operation, type TableRef } from './operations';
import { order } from './order';

/** Every column of `model` whose type is enum `e` (or an array of it). */
export function enumUsages(model: SchemaModel, e: { readonly schema: string; readonly name: string }): EnumUsage[] {
  const out: EnumUsage[] = [];
  for (const t of model.tables) {
    for (const c of t.columns) {
      const ref = enumOfType(c.type);
      if (ref && ref.schema === e.schema && ref.name === e.name) out.push({ schema: t.schema, table: t.name, column: c.name, array: ref.array, default: c.default });
    }
  }
  return out;
}

/** True when `actual` is `desired` with some values missing, so values can be added in place. */
function isSubsequence(actual: readonly string[], desired: readonly string[]): boolean {
  let i = 0;
  for (const v of desired) if (v === actual[i]) i++;
  return i === actual.length && new Set(desired).size === desired.length;
}

/**
 * ADD VALUE, one value at a time, each placed next to a value that already exists:
 * appended when nothing existing follows it, else BEFORE the next existing one.
 */
function addValues(actualEnum: EnumModel, desired: EnumModel, usages: readonly EnumUsage[]): Operation[] {
  const ops: Operation[] = [];
  const current = [...actualEnum.values];
  desired.values.forEach((value, i) => {
    if (current.includes(value)) return;
    const next = desired.values.slice(i + 1).find((v) => current.includes(v));
    const position = next === undefined ? null : { before: next };
    ops.push({ kind: 'add-enum-value', enum: { ...actualEnum, values: [...current] }, value, position, usages });
    if (next === undefined) current.push(value);
    else current.splice(current.indexOf(next), 0, value);
  });
  return ops;
}

function compareEnums(desired: SchemaModel, actual: SchemaModel): Operation[] {
  const ops: Operation[] = [];
  const actualByKey = new Map(actual.enums.map((e) => [qualifiedKey(e), e]));
  const desiredKeys = new Set(desired.enums.map(qualifiedKey));
  for (const d of desired.enums) {
    const a = actualByKey.get(qualifiedKey(d));
    if (!a) ops.push({ kind: 'create-enum', enum: d });
    else if (a.values.join('\u0000') !== d.values.join('\u0000')) {
      const usages = enumUsages(actual, a);
      ops.push(...(isSubsequence(a.values, d.values) ? addValues(a, d, usages) : [{ kind: 'recreate-enum' as const, from: a, to: d, usages }]));
    }
  }
  for (const a of actual.enums) if (!desiredKeys.has(qualifiedKey(a))) ops.push({ kind: 'drop-enum', enum: a });
  return ops;
}

function createTable(t: TableModel): Operation[] {
  const ref = { schema: t.schema, table: t.name };
  return [
    { kind: 'create-table', table: tableDefinition(t) },
    ...t.indexes.map((index): Operation => ({ kind: 'create-index', ...ref, index })),
    ...t.foreignKeys.map((foreignKey): Operation => ({ kind: 'add-foreign-key', ...ref, foreignKey })),
  ];
}

function dropTable(t: TableModel): Operation[] {
  const ref = { schema: t.schema, table: t.name };
  return [
    ...t.foreignKeys.map((foreignKey): Operation => ({ kind: 'drop-foreign-key', ...ref, foreignKey })),
    ...t.indexes.map((index): Operation => ({ kind: 'drop-index', ...ref, index })),
    { kind: 'drop-table', table: tableDefinition(t) },
  ];
}

const keyOf = (ref: TableRef, columns: readonly string[]) => `${ref.schema}.${ref.table}(${columns.join(',')})`;

/**
 * A foreign key depends on the referenced table's key: dropping and re-adding that key
 * (a changed primary key or unique) fails while the foreign key exists, so an unchanged
 * foreign key on it is dropped first and re-added after.
 */
function rebuildDependentForeignKeys(ops: readonly Operation[], desired: SchemaModel, actual: SchemaModel): Operation[] {
  const dropped = new Set<string>();
  const touched = new Set<string>();
  for (const op of ops) {
    if (op.kind === 'drop-foreign-key') touched.add(`${op.schema}.${op.table}.${op.foreignKey.name}`);
    if (op.kind === 'drop-primary-key') dropped.add(keyOf(op, op.primaryKey.columns));
    else if (op.kind === 'drop-unique') dropped.add(keyOf(op, op.unique.columns));
    else if (op.kind === 'drop-index' && op.index.unique) dropped.add(keyOf(op, op.index.columns));
  }
  if (dropped.size === 0) return [];
  const desiredFks = new Map<string, ForeignKeyModel>(desired.tables.flatMap((t) => t.foreignKeys.map((fk) => [`${t.schema}.${t.name}.${fk.name}`, fk] as const)));
  const out: Operation[] = [];
  for (const t of actual.tables) {
    for (const fk of t.foreignKeys) {
      const key = `${t.schema}.${t.name}.${fk.name}`;
      const target = `${fk.referencedSchema}.${fk.referencedTable}(${fk.referencedColumns.join(',')})`;
      const kept = desiredFks.get(key);
      if (!dropped.has(target) || touched.has(key) || !kept) continue;
      const ref = { schema: t.schema, table: t.name };
      out.push({ kind: 'drop-foreign-key', ...ref, foreignKey: fk }, { kind: 'add-foreign-key', ...ref, foreignKey: kept });
    }
  }
  return out;
}

const recordKey = (r: GeneratedRecord) => `${r.schema}\u0000${r.table}\u0000${r.column}`;

/**
 * TypeORM's own diff reads a stored generated column's expression from typeorm_metadata
 * and compares it, trimmed, with the entity's: a missing or different row is drift for it.
 * Compared only when the desired model says where the table is.
 */
function compareGeneratedRecords(desired: SchemaModel, actual: SchemaModel): Operation[] {
  const metadataTable = desired.typeormMetadata && { schema: desired.typeormMetadata.schema, name: desired.typeormMetadata.name };
  if (!metadataTable) return [];
  const ops: Operation[] = [];
  const actualRecords = new Map((actual.typeormMetadata?.generated ?? []).map((r) => [recordKey(r), r]));
  const desiredKeys = new Set(desired.typeormMetadata!.generated.map(recordKey));
  for (const record of desired.typeormMetadata!.generated) {
    const a = actualRecords.get(recordKey(record));
    if (a && a.value.trim() === record.value.trim()) continue;
    if (a) ops.push({ kind: 'forget-generated', metadataTable, record: a });
    ops.push({ kind: 'record-generated', metadataTable, record });
  }
  for (const [key, record] of actualRecords) if (!desiredKeys.has(key)) ops.push({ kind: 'forget-generated', metadataTable, record });
  return ops;
}

/**
 * A column retyped by an enum rebuild whose default also changes gets the new default from
 * the rebuild itself (dropped before the retype, set after), in up() and in down(): a
 * separate SET DEFAULT would run against a type that lacks its value in one direction.
 */
function foldEnumDefaults(ops: readonly Operation[]): Operation[] {
  const changes = new Map<string, Extract<Operation, { kind: 'set-default' | 'drop-default' }>>();
  for (const op of ops) if (op.kind === 'set-default' || op.kind === 'drop-default') changes.set(columnKey(op.schema, op.table, op.column), op);
  const folded = new Set<Operation>();
  const out = ops.map((op): Operation => {
    if (op.kind !== 'recreate-enum') return op;
    const usages = op.usages.map((u) => {
      const change = changes.get(columnKey(u.schema, u.table, u.column));
      if (!change) return u;
      folded.add(change);
      return { ...u, after: change.kind === 'set-default' ? change.default : null };
    });
    return { ...op, usages };
  });
  return out.filter((op) => !folded.has(op));
}

/**
 * The operations that turn `actual` into `desired`, in dependency order. Pure: the same
 * two models always give the same list.
 */
export function compare(desired: SchemaModel, actual: SchemaModel): readonly Operation[] {
  const ops: Operation[] = [];
  const existingSchemas = new Set(actual.schemas);
  for (const schema of desired.schemas) if (!existingSchemas.has(schema)) ops.push({ kind: 'create-schema', schema });
  const installed = new Set(actual.extensions);
  for (const name of desired.extensions) if (!installed.has(name)) ops.push({ kind: 'create-extension', name });
  ops.push(...compareEnums(desired, actual));
  const actualTables = new Map(actual.tables.map((t) => [qualifiedKey(t), t]));
  const desiredKeys = new Set(desired.tables.map(qualifiedKey));
  for (const d of desired.tables) {
    const a = actualTables.get(qualifiedKey(d));
    ops.push(...(a ? compareTable(d, a) : createTable(d)));
  }
  for (const a of actual.tables) if (!desiredKeys.has(qualifiedKey(a))) ops.push(...dropTable(a));
  ops.push(...rebuildDependentForeignKeys(ops, desired, actual));
  ops.push(...compareGeneratedRecords(desired, actual));
  return order(foldEnumDefaults(ops));
}
