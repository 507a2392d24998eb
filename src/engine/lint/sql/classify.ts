import { constantText, fieldsOf, list, nodeOf, qualifiedName, relation, str, strings } from '../../sql/pg-ast';
import { parseScript, type ParsedStatement } from '../../sql/pg-parser';
import { alterTableActions, columnShape, renameAction } from './classify-alter-table';
import type { Shape } from './shape';

/** One SQL statement of a query string, typed. */
export interface Classified {
  /** The statement's own text (a query string may hold several). */
  readonly sql: string;
  readonly shape: Shape;
  /** PostgreSQL's syntax error, when its grammar rejects the statement. */
  readonly error?: string;
}

export interface ClassifiedScript {
  readonly statements: readonly Classified[];
  /** Rule codes named by `-- db-manage-ignore <code>` comments anywhere in the script. */
  readonly ignores: readonly string[];
}

const IGNORE_COMMENT = /db-manage-ignore\s+([a-z0-9-]+(?:\s*,?\s*[a-z0-9-]+)*)/i;

/** The codes an ignore directive names, from a comment's or a source line's text. */
export function ignoredCodes(text: string): string[] {
  const m = IGNORE_COMMENT.exec(text);
  if (!m) return [];
  return m[1].split(/[\s,]+/).filter((code) => code !== '' && code.includes('-'));
}

/** SELECT set_config('lock_timeout', '5s', true): the function form of SET. */
function setConfig(select: Record<string, unknown>): Shape | undefined {
  for (const target of list(select.targetList)) {
    const call = fieldsOf(fieldsOf(target, 'ResTarget')?.val, 'FuncCall');
    if (!call) continue;
    const name = strings(call.funcname);
    if (name[name.length - 1]?.toLowerCase() !== 'set_config') continue;
    const [setting, value, local] = list(call.args).map(constantText);
    if (typeof setting !== 'string' || typeof value !== 'string') return undefined;
    return { kind: 'set', name: setting.toLowerCase(), value, local: local === 'true' };
  }
  return undefined;
}

function variableSet(set: Record<string, unknown>): Shape {
  const name = String(set.name ?? (set.kind === 'VAR_RESET_ALL' ? 'all' : '')).toLowerCase();
  const local = Boolean(set.is_local);
  if (set.kind !== 'VAR_SET_VALUE') return { kind: 'set', name, value: null, local };
  const values = list(set.args).map((a) => constantText(a) ?? '');
  return { kind: 'set', name, value: values.join(', '), local };
}

function dropShape(drop: Record<string, unknown>, statement: string): Shape {
  const names = list(drop.objects).map((o) => strings(fieldsOf(o, 'List')?.items));
  switch (drop.removeType) {
    case 'OBJECT_TABLE':
      return { kind: 'drop-table', tables: names.map(qualifiedName), missingOk: Boolean(drop.missing_ok) };
    case 'OBJECT_INDEX':
      return { kind: 'drop-index', indexes: names.map(qualifiedName), concurrently: Boolean(drop.concurrent), missingOk: Boolean(drop.missing_ok) };
    case 'OBJECT_TRIGGER':
    case 'OBJECT_RULE':
      return { kind: 'table-lock', statement };
    default:
      return { kind: 'other', statement };
  }
}

/** Statements that take a strong table lock without the rules reading their table further. */
function locksTable(type: string, fields: Record<string, unknown>): boolean {
  switch (type) {
    case 'LockStmt':
    case 'ClusterStmt':
    case 'CreateTrigStmt':
    case 'RuleStmt':
      return true;
    case 'VacuumStmt':
      return list(fields.options).some((o) => fieldsOf(o, 'DefElem')?.defname === 'full');
    case 'AlterTableStmt':
      return fields.objtype === 'OBJECT_INDEX';
    case 'RenameStmt':
      return fields.renameType === 'OBJECT_TRIGGER' || fields.renameType === 'OBJECT_INDEX';
    default:
      return false;
  }
}

const TRANSACTION_EFFECT: Readonly<Record<string, 'open' | 'close'>> = {
  TRANS_STMT_BEGIN: 'open',
  TRANS_STMT_START: 'open',
  TRANS_STMT_COMMIT: 'close',
  TRANS_STMT_ROLLBACK: 'close',
  TRANS_STMT_PREPARE: 'close',
};

const RENAMES_IN_A_TABLE = new Set(['OBJECT_COLUMN', 'OBJECT_TABLE', 'OBJECT_TABCONSTRAINT']);

/** The shape of one parsed statement. */
export function shapeOf(statement: ParsedStatement): Shape {
  const label = statement.label;
  const n = nodeOf(statement.node);
  if (!n) return { kind: 'other', statement: label };
  const [type, fields] = n;
  switch (type) {
    case 'CreateStmt':
      return {
        kind: 'create-table',
        table: relation(fields.relation),
        temporary: (fields.relation as Record<string, unknown> | undefined)?.relpersistence === 't',
        ifNotExists: Boolean(fields.if_not_exists),
        columns: list(fields.tableElts).map((e) => fieldsOf(e, 'ColumnDef')).filter((c): c is Record<string, unknown> => c !== null).map(columnShape),
      };
    case 'CreateTableAsStmt': {
      if (fields.objtype !== 'OBJECT_TABLE') break;
      const into = (fields.into ?? {}) as Record<string, unknown>;
      const temporary = (into.rel as Record<string, unknown> | undefined)?.relpersistence === 't';
      return { kind: 'create-table', table: relation(into.rel), temporary, ifNotExists: Boolean(fields.if_not_exists), columns: [] };
    }
    case 'TruncateStmt':
      return { kind: 'truncate', tables: list(fields.relations).map(relation), cascade: fields.behavior === 'DROP_CASCADE' };
    case 'DropdbStmt':
      return { kind: 'drop-database', name: String(fields.dbname ?? '') };
    case 'TransactionStmt':
      return { kind: 'transaction', command: label, effect: TRANSACTION_EFFECT[String(fields.kind)] ?? 'none' };
    case 'CreateDomainStmt':
      return { kind: 'create-domain', name: strings(fields.domainname).join('.'), constraints: list(fields.constraints).filter((c) => fieldsOf(c, 'Constraint')?.contype === 'CONSTR_CHECK').length };
    case 'AlterDomainStmt':
      return {
        kind: 'alter-domain',
        name: strings(fields.typeName).join('.'),
        addsConstraint: fields.subtype === 'C',
        notValid: Boolean(fieldsOf(fields.def, 'Constraint')?.skip_validation),
      };
    case 'IndexStmt':
      return {
        kind: 'create-index',
        table: relation(fields.relation),
        index: typeof fields.idxname === 'string' ? fields.idxname : undefined,
        concurrently: Boolean(fields.concurrent),
        unique: Boolean(fields.unique),
        ifNotExists: Boolean(fields.if_not_exists),
      };
    case 'AlterTableStmt':
      if (fields.objtype !== 'OBJECT_TABLE') break;
      return { kind: 'alter-table', table: relation(fields.relation), actions: alterTableActions(list(fields.cmds)) };
    case 'RenameStmt':
      if (!RENAMES_IN_A_TABLE.has(String(fields.renameType)) || fields.relation === undefined) break;
      // A column of a view or a materialised view is renamed with a RenameStmt too.
      if (fields.renameType === 'OBJECT_COLUMN' && fields.relationType !== 'OBJECT_TABLE') break;
      return { kind: 'alter-table', table: relation(fields.relation), actions: [renameAction(fields)] };
    case 'DropStmt':
      return dropShape(fields, label);
    case 'ReindexStmt':
      return { kind: 'reindex', concurrently: list(fields.params).some((p) => fieldsOf(p, 'DefElem')?.defname === 'concurrently') };
    case 'VariableSetStmt':
      return variableSet(fields);
    case 'SelectStmt': {
      const set = setConfig(fields);
      if (set) return set;
      break;
    }
  }
  if (locksTable(type, fields)) return { kind: 'table-lock', statement: label };
  return { kind: 'other', statement: label };
}

/** The schemas a DROP SCHEMA names. */
export function droppedSchemas(statement: ParsedStatement): string[] {
  const drop = fieldsOf(statement.node, 'DropStmt');
  if (!drop || drop.removeType !== 'OBJECT_SCHEMA') return [];
  return list(drop.objects).map(str).filter((s): s is string => s !== undefined);
}

/** Splits a query string into statements and classifies each. Never throws on bad SQL. */
export function classify(sql: string): ClassifiedScript {
  const script = parseScript(sql);
  return {
    statements: script.statements.map((statement) => ({ sql: statement.sql, shape: shapeOf(statement), error: statement.error })),
    ignores: script.comments.flatMap(ignoredCodes),
  };
}

