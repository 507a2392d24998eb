import { calledFunctions, constantText, fieldsOf, list, nodeOf, relation, strings, typeText } from '../../sql/pg-ast';
import type { AddColumn, AddConstraint, AlterAction, ColumnShape, ConstraintType } from './shape';

const CONSTRAINT_TYPES: Readonly<Record<string, ConstraintType>> = {
  CONSTR_FOREIGN: 'foreign-key',
  CONSTR_CHECK: 'check',
  CONSTR_UNIQUE: 'unique',
  CONSTR_PRIMARY: 'primary-key',
  CONSTR_EXCLUSION: 'exclude',
};

/** The column named by `CHECK (col IS NOT NULL)`, the safe preparation for SET NOT NULL. */
function notNullCheckColumn(expr: unknown): string | undefined {
  const test = fieldsOf(expr, 'NullTest');
  if (!test || test.nulltesttype !== 'IS_NOT_NULL') return undefined;
  const column = strings(fieldsOf(test.arg, 'ColumnRef')?.fields);
  return column.length === 1 ? column[0] : undefined;
}

/** A CREATE TABLE column, for the rules on types. */
export function columnShape(def: Record<string, unknown>): ColumnShape {
  const primaryKey = list(def.constraints).some((c) => fieldsOf(c, 'Constraint')?.contype === 'CONSTR_PRIMARY');
  return { name: String(def.colname ?? ''), type: typeText(def.typeName), primaryKey };
}

function addColumn(def: Record<string, unknown>, ifNotExists: boolean): AddColumn {
  let notNull = false;
  let defaultValue: AddColumn['default'];
  let defaultCalls: string[] = [];
  let generated: AddColumn['generated'];
  let primaryKey = false;
  let unique = false;
  let check = false;
  let references: AddColumn['references'];
  for (const item of list(def.constraints)) {
    const c = fieldsOf(item, 'Constraint') ?? {};
    switch (c.contype) {
      case 'CONSTR_NOTNULL':
        notNull = true;
        break;
      case 'CONSTR_DEFAULT':
        defaultValue = constantText(c.raw_expr) === null ? 'null' : 'value';
        defaultCalls = calledFunctions(c.raw_expr);
        break;
      case 'CONSTR_IDENTITY':
        generated = 'identity';
        break;
      case 'CONSTR_GENERATED':
        generated = 'stored';
        break;
      case 'CONSTR_PRIMARY':
        primaryKey = true;
        break;
      case 'CONSTR_UNIQUE':
        unique = true;
        break;
      case 'CONSTR_CHECK':
        check = true;
        break;
      case 'CONSTR_FOREIGN':
        references = relation(c.pktable);
        break;
    }
  }
  return {
    kind: 'add-column', column: String(def.colname ?? ''), ifNotExists, type: typeText(def.typeName), notNull, default: defaultValue, defaultCalls,
    generated, primaryKey, unique, check, references,
  };
}

function addConstraint(c: Record<string, unknown>): AlterAction {
  const constraint = CONSTRAINT_TYPES[String(c.contype)];
  if (!constraint) return { kind: 'other-action', text: `ADD ${String(c.contype ?? 'CONSTRAINT').replace(/^CONSTR_/, '')}` };
  const action: AddConstraint = {
    kind: 'add-constraint',
    name: typeof c.conname === 'string' ? c.conname : undefined,
    constraint,
    notValid: Boolean(c.skip_validation),
    usingIndex: typeof c.indexname === 'string',
    columns: strings(constraint === 'foreign-key' ? c.fk_attrs : c.keys),
    references: constraint === 'foreign-key' ? relation(c.pktable) : undefined,
    notNullColumn: constraint === 'check' ? notNullCheckColumn(c.raw_expr) : undefined,
  };
  return action;
}

/** `USING col::type` (or CAST(col AS type)) to the column's new type: the conversion PostgreSQL applies anyway. */
function isPlainCast(using: unknown, column: string, to: string): boolean {
  const cast = fieldsOf(using, 'TypeCast');
  if (!cast) return false;
  const name = strings(fieldsOf(cast.arg, 'ColumnRef')?.fields);
  if (name.length !== 1 || name[0] !== column) return false;
  const target = typeText(cast.typeName);
  // `col::varchar` to a `varchar(n)` column: the assignment applies the length, the same plain cast.
  return target === to || target === to.replace(/\(\d+(,\d+)?\)/, '');
}

function alterColumnType(name: string, def: unknown): AlterAction {
  const column = fieldsOf(def, 'ColumnDef') ?? {};
  const type = typeText(column.typeName);
  const using = column.raw_default === undefined ? undefined : isPlainCast(column.raw_default, name, type) ? 'plain-cast' : 'expression';
  return { kind: 'alter-column-type', column: name, type, using };
}

function action(cmd: unknown): AlterAction {
  const c = fieldsOf(cmd, 'AlterTableCmd') ?? {};
  const name = String(c.name ?? '');
  switch (c.subtype) {
    case 'AT_AddColumn':
      return addColumn(fieldsOf(c.def, 'ColumnDef') ?? {}, Boolean(c.missing_ok));
    case 'AT_AddConstraint':
      return addConstraint(fieldsOf(c.def, 'Constraint') ?? {});
    case 'AT_DropColumn':
      return { kind: 'drop-column', column: name, missingOk: Boolean(c.missing_ok) };
    case 'AT_AlterColumnType':
      return alterColumnType(name, c.def);
    case 'AT_SetNotNull':
      return { kind: 'set-not-null', column: name };
    case 'AT_DropNotNull':
      return { kind: 'drop-not-null', column: name };
    case 'AT_ColumnDefault':
      return c.def === undefined ? { kind: 'drop-default', column: name } : { kind: 'set-default', column: name, calls: calledFunctions(c.def) };
    case 'AT_ValidateConstraint':
      return { kind: 'validate-constraint', name };
    case 'AT_DropConstraint':
      return { kind: 'drop-constraint', name };
    default:
      return { kind: 'other-action', text: String(c.subtype ?? nodeOf(cmd)?.[0] ?? '').replace(/^AT_/, '') };
  }
}

/** The sub-commands of an ALTER TABLE. */
export function alterTableActions(cmds: readonly unknown[]): AlterAction[] {
  return cmds.map(action);
}

/** ALTER TABLE … RENAME [COLUMN | CONSTRAINT] a TO b, which the grammar makes a RenameStmt. */
export function renameAction(rename: Record<string, unknown>): AlterAction {
  const to = String(rename.newname ?? '');
  const from = String(rename.subname ?? '');
  if (rename.renameType === 'OBJECT_TABLE') return { kind: 'rename-table', to };
  if (rename.renameType === 'OBJECT_TABCONSTRAINT') return { kind: 'rename-constraint', from, to };
  return { kind: 'rename-column', from, to };
}
