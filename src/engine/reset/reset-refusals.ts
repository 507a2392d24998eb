import { DbManageError } from '../errors/db-manage-error';
import { blockedExplanation, type ExternalReference } from './external-references';
import type { DatabaseObject } from './database-objects';

const list = (objects: readonly DatabaseObject[]) => objects.map((o) => `${o.schema}.${o.name} (${o.kind})`).join(', ');

/** Refuses before anything changes when the reset would break what it must leave alone. */
export function assertResettable(action: string, views: readonly DatabaseObject[], blocked: readonly ExternalReference[]): void {
  if (views.length > 0) {
    throw new DbManageError('data-loss-refused', `${action} refused: ${list(views)} ${views.length === 1 ? 'depends' : 'depend'} on tables it would drop`, {
      hint: `${action} leaves objects the entities do not manage alone, so it will not drop them; drop or recreate them yourself, then run ${action} again. Nothing was changed`,
      details: { dependents: views },
    });
  }
  if (blocked.length > 0) {
    throw new DbManageError('data-loss-refused', `${action} refused: rows outside it point at rows it would delete: ${blockedExplanation(blocked)}`, {
      hint: 'Their foreign keys say ON DELETE NO ACTION/RESTRICT. Delete or re-point those rows, or reset their tables too. Nothing was changed',
      details: { references: blocked },
    });
  }
}

export function leftAloneNote(objects: readonly DatabaseObject[]): string[] {
  return objects.length === 0 ? [] : [`left alone (not managed by the entities): ${list(objects)}`];
}

export function migrationMadeNote(objects: readonly DatabaseObject[]): string[] {
  return objects.length === 0 ? [] : [`also dropped, because a migration of the project makes them: ${list(objects)}`];
}
