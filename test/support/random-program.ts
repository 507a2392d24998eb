import type { Rng } from '../fuzz/prng';
import { hostileName } from './hostile-names';
import { LOG_TABLE, READ_HANDLES, type ProgramStep } from './statement-program';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

interface Table {
  readonly name: string;
  readonly columns: string[];
  rows: number;
}

/** Statements that fail, each as PostgreSQL fails it: while parsing, looking names up, or running. */
function failing(random: Rng, tables: readonly Table[]): string {
  const t = tables.length > 0 ? random.pick(tables) : null;
  const kinds = [
    () => `ALTER TABLE ${quote(`missing_${random.int(1, 99)}`)} ADD "c" integer`,
    () => `CREATE TABLE ${quote(`bad_${random.int(1, 99)}`)} ("a" integer,)`,
    () => `CREATE INDEX ON ${quote(t ? t.name : 'nowhere')} (${quote('no_such_column')})`,
    ...(t ? [() => `CREATE TABLE ${quote(t.name)} ("a" integer)`] : []),
    // Fails only while running, over the table's rows (none: it succeeds).
    ...(t && t.rows > 0 ? [() => `ALTER TABLE ${quote(t.name)} ALTER COLUMN "id" TYPE integer USING (1 / 0)`] : []),
    () => `SET LOCAL lock_timeout = 'soon'`,
  ];
  return random.pick(kinds)();
}

/**
 * A random program: DDL on hostile names (some with `;` inside quotes), reads of what it
 * built, parameterised inserts, guarded statements, blocks run outside the transaction,
 * and with probability `failP` one statement that fails, at a random place.
 */
export function randomProgram(random: Rng, failP = 0.5): { steps: ProgramStep[]; fails: boolean } {
  const steps: ProgramStep[] = [{ kind: 'statement', sql: `CREATE TABLE "${LOG_TABLE}" ("id" serial PRIMARY KEY, "note" text)` }];
  const tables: Table[] = [];
  const used = new Set<string>([LOG_TABLE]);
  const count = random.int(3, 40);
  const failAt = random.chance(failP) ? random.int(0, count - 1) : -1;
  // The steps of an `outside` block go to its own list until it has `outsideLeft` of them.
  let into: ProgramStep[] = steps;
  let outsideLeft = 0;
  for (let i = 0; i < count; i++) {
    if (outsideLeft > 0 && --outsideLeft === 0) into = steps;
    const outside = into !== steps;
    if (i === failAt) {
      const sql = failing(random, tables);
      // Often as the first of an `outside` block: the statements after it must not run.
      if (!outside && random.chance(0.3)) {
        into = [{ kind: 'statement', sql }];
        steps.push({ kind: 'outside', steps: into });
        outsideLeft = random.int(2, 4);
      } else into.push({ kind: 'statement', sql });
      continue;
    }
    const t = tables.length > 0 ? random.pick(tables) : null;
    const roll = random.int(0, 10);
    if (roll === 10 && !outside) {
      const inner: ProgramStep[] = [];
      steps.push({ kind: 'outside', steps: inner });
      into = inner;
      outsideLeft = random.int(2, 5);
      continue;
    }
    // A savepoint needs a transaction: outside one, the guarded statement runs bare.
    if (roll === 7 && outside) {
      into.push({ kind: 'statement', sql: t ? `COMMENT ON TABLE ${quote(t.name)} IS NULL` : 'SET statement_timeout = 0' });
      continue;
    }
    if (!t || roll <= 1) {
      let name = hostileName(() => random.next(), 1, 30);
      while (used.has(name.toLowerCase())) name += '_';
      used.add(name.toLowerCase());
      tables.push({ name, columns: ['id'], rows: 0 });
      into.push({ kind: 'statement', sql: `CREATE TABLE ${quote(name)} ("id" integer PRIMARY KEY)` });
    } else if (roll === 2) {
      const column = `c${t.columns.length}`;
      t.columns.push(column);
      into.push({ kind: 'statement', sql: `ALTER TABLE ${quote(t.name)} ADD ${quote(column)} text DEFAULT ${literal(hostileName(() => random.next(), 0, 12))}` });
    } else if (roll === 3) {
      into.push({ kind: 'statement', sql: `COMMENT ON TABLE ${quote(t.name)} IS ${literal(hostileName(() => random.next(), 0, 20))}` });
    } else if (roll === 4) {
      into.push({ kind: 'statement', sql: `CREATE INDEX ON ${quote(t.name)} (${quote(random.pick(t.columns))})` });
    } else if (roll === 5) {
      t.rows++;
      into.push({ kind: 'insert', sql: `INSERT INTO ${quote(t.name)} ("id") VALUES ($1)`, params: [t.rows] });
    } else if (roll === 6) {
      const sql = `SELECT count(*)::int AS n, obj_description(${literal(quote(t.name))}::regclass) AS comment FROM ${quote(t.name)}`;
      into.push({ kind: 'read', sql, wrap: random.chance(0.5), handle: random.pick(READ_HANDLES) });
    } else if (roll === 7) {
      into.push({ kind: 'guarded', sql: random.chance(0.5) ? failing(random, tables) : `COMMENT ON COLUMN ${quote(t.name)}."id" IS 'guarded'` });
    } else if (roll === 8) {
      into.push({ kind: 'statement', sql: random.pick([`SET LOCAL statement_timeout = '60s'`, `set local lock_timeout = '5s';`, `  DROP INDEX IF EXISTS "nothing_here"`]) });
    } else {
      into.push({ kind: 'read', sql: `SELECT relname FROM pg_class WHERE relname = ${literal(t.name)}`, handle: random.pick(READ_HANDLES) });
    }
  }
  return { steps, fails: failAt >= 0 };
}
