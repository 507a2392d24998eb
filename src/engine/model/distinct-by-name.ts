import { DbManageError } from '../errors/db-manage-error';

/**
 * TypeORM derives an unnamed index's or unique's name from its table and columns only, so
 * `@Index()` on a property and `@Index(["thatProperty"])` on the class, or `unique: true`
 * and `@Unique(["thatProperty"])`, name one object twice. Identical declarations are one
 * object; declarations that differ under one name cannot both exist, and say so in one line.
 */
export function distinctByName<T extends { readonly name: string }>(items: readonly T[], kind: string, table: string): T[] {
  const byName = new Map<string, T>();
  for (const item of items) {
    const seen = byName.get(item.name);
    if (!seen) {
      byName.set(item.name, item);
      continue;
    }
    if (JSON.stringify(seen) !== JSON.stringify(item)) {
      throw new DbManageError('config-invalid', `${kind} ${item.name} on ${table} is declared twice with different definitions`, {
        hint: `Give one of the two declarations its own name, or make them the same`,
        details: { table, name: item.name, declarations: [seen, item] },
      });
    }
  }
  return [...byName.values()];
}
