import type { ColumnModel } from '../model/schema-model';
import type { EnumUsage, Irreversible, Operation } from './operations';

/** Default changes that ride on an enum rebuild (see foldEnumDefaults). */
function defaultChanges(usages: readonly EnumUsage[]): string {
  const changed = usages.filter((u) => u.after !== undefined && u.after !== u.default);
  return changed.map((u) => `; default of ${u.schema}.${u.table}.${u.column} ${u.after === null ? 'dropped' : `set to ${u.after}`}`).join('');
}

/** One readable line per operation, for the migration header, `check` and `--json`. */
export function describeOperation(op: Operation | Irreversible): string {
  const column = (c: ColumnModel) => `${c.type}${c.collation ? ` collate ${c.collation}` : ''}${c.nullable ? '' : ' not null'}${c.default !== null ? ` default ${c.default}` : ''}`;
  const list = (names: readonly string[]) => names.join(', ');
  switch (op.kind) {
    case 'irreversible':
      return `irreversible: ${op.reason}`;
    case 'create-schema':
      return `create schema ${op.schema}`;
    case 'drop-schema':
      return `drop schema ${op.schema}`;
    case 'create-extension':
      return `create extension ${op.name}`;
    case 'drop-extension':
      return `drop extension ${op.name}`;
    case 'create-enum':
      return `create enum ${op.enum.schema}.${op.enum.name} (${list(op.enum.values)})`;
    case 'drop-enum':
      return `drop enum ${op.enum.schema}.${op.enum.name}`;
    case 'add-enum-value':
      return `add value '${op.value}' to enum ${op.enum.schema}.${op.enum.name}`;
    case 'recreate-enum':
      return `change enum ${op.to.schema}.${op.to.name} values (${list(op.from.values)}) to (${list(op.to.values)})${defaultChanges(op.usages)}`;
    case 'rename-table':
      return `rename table ${op.schema}.${op.from} to ${op.to}`;
    case 'rename-column':
      return `rename column ${op.schema}.${op.table}.${op.from} to ${op.to}`;
    case 'rename-constraint':
      return `rename constraint ${op.from} on ${op.schema}.${op.table} to ${op.to}`;
    case 'rename-index':
      return `rename index ${op.from} on ${op.schema}.${op.table} to ${op.to}`;
    case 'create-table':
      return `create table ${op.table.schema}.${op.table.name}`;
    case 'drop-table':
      return `drop table ${op.table.schema}.${op.table.name}`;
    case 'add-column':
      return `add column ${op.schema}.${op.table}.${op.column.name} ${column(op.column)}`;
    case 'drop-column':
      return `drop column ${op.schema}.${op.table}.${op.column.name}`;
    case 'alter-column-type':
      return `change type of ${op.schema}.${op.table}.${op.column} from ${op.from} to ${op.to}${op.collation ? ` collate ${op.collation}` : ''}`;
    case 'set-not-null':
      return `make ${op.schema}.${op.table}.${op.column} not null`;
    case 'set-generated':
      return `make ${op.schema}.${op.table}.${op.column} ${op.to ?? 'a plain column'} (was ${op.from ?? 'a plain column'})`;
    case 'drop-not-null':
      return `make ${op.schema}.${op.table}.${op.column} nullable`;
    case 'set-default':
      return `set default of ${op.schema}.${op.table}.${op.column} to ${op.default}`;
    case 'drop-default':
      return `drop default of ${op.schema}.${op.table}.${op.column}`;
    case 'set-comment': {
      const subject = op.column === null ? `table ${op.schema}.${op.table}` : `${op.schema}.${op.table}.${op.column}`;
      return op.comment === null ? `remove the comment on ${subject}` : `comment on ${subject}: ${op.comment}`;
    }
    case 'add-primary-key':
      return `add primary key ${op.primaryKey.name} on ${op.schema}.${op.table} (${list(op.primaryKey.columns)})`;
    case 'drop-primary-key':
      return `drop primary key ${op.primaryKey.name} on ${op.schema}.${op.table}`;
    case 'add-unique':
      return `add unique ${op.unique.name} on ${op.schema}.${op.table} (${list(op.unique.columns)})${op.unique.deferrable ? ` deferrable ${op.unique.deferrable.toLowerCase()}` : ''}`;
    case 'drop-unique':
      return `drop unique ${op.unique.name} on ${op.schema}.${op.table}`;
    case 'add-check':
      return `add check ${op.check.name} on ${op.schema}.${op.table}`;
    case 'drop-check':
      return `drop check ${op.check.name} on ${op.schema}.${op.table}`;
    case 'add-exclusion':
      return `add exclusion ${op.exclusion.name} on ${op.schema}.${op.table}: EXCLUDE ${op.exclusion.expression}${op.exclusion.deferrable ? ` DEFERRABLE ${op.exclusion.deferrable}` : ''}`;
    case 'drop-exclusion':
      return `drop exclusion ${op.exclusion.name} on ${op.schema}.${op.table}`;
    case 'set-collation':
      return `set collation of ${op.schema}.${op.table}.${op.column} to ${op.collation ?? 'the default'} (was ${op.previous ?? 'the default'})`;
    case 'record-generated':
      return `record the expression of ${op.record.schema}.${op.record.table}.${op.record.column} in ${op.metadataTable.name} (for TypeORM)`;
    case 'forget-generated':
      return `remove the ${op.metadataTable.name} row of ${op.record.schema}.${op.record.table}.${op.record.column}`;
    case 'create-index':
      return `create ${op.index.unique ? 'unique ' : ''}index ${op.concurrently ? 'concurrently ' : ''}${op.index.name} on ${op.schema}.${op.table} (${list(op.index.columns)})${op.index.where ? ` where ${op.index.where}` : ''}`;
    case 'drop-index':
      return `drop index ${op.concurrently ? 'concurrently ' : ''}${op.index.name} on ${op.schema}.${op.table}`;
    case 'add-foreign-key':
      return `add foreign key ${op.foreignKey.name} ${op.schema}.${op.table} (${list(op.foreignKey.columns)}) → ${op.foreignKey.referencedSchema}.${op.foreignKey.referencedTable}`;
    case 'drop-foreign-key':
      return `drop foreign key ${op.foreignKey.name} on ${op.schema}.${op.table}`;
    case 'validate-foreign-key':
      return `validate foreign key ${op.foreignKey.name} on ${op.schema}.${op.table}`;
  }
}
