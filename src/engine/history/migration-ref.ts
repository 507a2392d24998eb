/** A migration as the history knows it: TypeORM identifies one by name and timestamp. */
export interface MigrationRef {
  /** The class name, e.g. AddPhone1732200000000. */
  readonly name: string;
  readonly timestamp: number;
}

/** TypeORM's convention: the class name ends with a 13-digit millisecond timestamp. */
export function timestampOf(name: string): number | null {
  const match = /(\d{13})$/.exec(name);
  return match ? Number(match[1]) : null;
}

/** Orders by timestamp, then name, so ties are resolved the same way on every run. */
export function compareRefs(a: MigrationRef, b: MigrationRef): number {
  return a.timestamp - b.timestamp || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
