import { DbManageError } from '../errors/db-manage-error';
import { displayName, qualifiedKey, type TableModel } from './schema-model';

/** One table as one entity, join table or closure table describes it. */
export interface TableDeclaration {
  readonly table: TableModel;
  /** Who declares it, for errors: `Person`, `Post.labels (@JoinTable)`. */
  readonly by: string;
  /** An @Entity class wins over a join or closure table TypeORM derives, for column order. */
  readonly explicit: boolean;
}

const sorted = (names: readonly string[]) => [...names].sort();
const json = (value: unknown) => JSON.stringify(value);

/**
 * What a declaration says about its table, with the orders that carry no meaning taken out:
 * column order (ADD COLUMN appends anyway), and the column order inside a key, which
 * TypeORM takes from whichever side of a relation it started from. Indexes keep their
 * order: it decides which queries they serve.
 */
function facets(t: TableModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of t.columns) out.set(`column "${c.name}"`, json(c));
  if (t.primaryKey) out.set(`primary key "${t.primaryKey.name}"`, json(sorted(t.primaryKey.columns)));
  for (const u of t.uniques) out.set(`unique "${u.name}"`, json({ ...u, columns: sorted(u.columns) }));
  for (const c of t.checks) out.set(`check "${c.name}"`, json(c));
  for (const x of t.exclusions) out.set(`exclusion "${x.name}"`, json(x));
  for (const i of t.indexes) out.set(`index "${i.name}"`, json(i));
  for (const fk of t.foreignKeys) {
    const pairs = fk.columns.map((c, i) => `${c}>${fk.referencedColumns[i]}`).sort();
    out.set(`foreign key "${fk.name}"`, json({ ...fk, columns: pairs, referencedColumns: [] }));
  }
  if (t.comment !== null) out.set('comment', json(t.comment));
  return out;
}

/** The first thing two declarations of one table disagree on, in words; null when they agree. */
export function declarationDifference(a: TableDeclaration, b: TableDeclaration): string | null {
  const fa = facets(a.table);
  const fb = facets(b.table);
  for (const [what, value] of fa) {
    if (!fb.has(what)) return `${what} only in ${a.by}`;
    if (fb.get(what) !== value) return `${what} differs`;
  }
  for (const what of fb.keys()) if (!fa.has(what)) return `${what} only in ${b.by}`;
  return null;
}

const preference = (a: TableDeclaration, b: TableDeclaration) => Number(b.explicit) - Number(a.explicit) || (a.by < b.by ? -1 : a.by > b.by ? 1 : 0);

/**
 * One table per name. A table TypeORM meets more than once (a @JoinTable on both sides of a
 * many-to-many, an entity that is also a join table, the closure table of each class of an
 * inheritance tree) is created once when every declaration agrees; when two disagree, the
 * project is refused before anything is written, naming the table and both declarations.
 */
export function mergeDeclarations(declarations: readonly TableDeclaration[]): TableModel[] {
  const groups = new Map<string, TableDeclaration[]>();
  for (const d of declarations) {
    const key = qualifiedKey(d.table);
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const out: TableModel[] = [];
  for (const group of groups.values()) {
    const [first, ...rest] = [...group].sort(preference);
    for (const other of rest) {
      const difference = declarationDifference(first, other);
      if (difference !== null) {
        throw new DbManageError('config-invalid', `table ${displayName(first.table)} is declared by ${first.by} and by ${other.by}, which disagree: ${difference}`, {
          hint: 'Make both declarations describe the same table (columns, keys, indexes, foreign-key actions), or map one of them to another table',
          details: { table: displayName(first.table), declarations: [first.by, other.by], difference },
        });
      }
    }
    out.push(first.table);
  }
  return out;
}
