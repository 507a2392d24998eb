import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { objectName, storedName } from '../../src/engine/model/stored-names';
import { adminQuery, createScratchDatabase, testTargets } from '../support/test-cluster';

/** Names of every UTF-8 width, generated from a seed, cut by us and by the server. */
const ALPHABET = ['a', '_', '9', 'ß', 'ю', 'ω', '語', '한', 'ヅ', '🚀', '🦉', 'x'];
function names(count: number, seed: number): string[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s);
  return Array.from({ length: count }, () => Array.from({ length: 20 + (next() % 50) }, () => ALPHABET[next() % ALPHABET.length]).join(''));
}

for (const target of testTargets()) {
  describe(`names as the ${target.name} server stores them`, () => {
    test('storedName agrees with the server on 300 generated names', async () => {
      const db = await createScratchDatabase(target, 'stored_names');
      try {
        const input = names(300, 7);
        const rows = await adminQuery<{ stored: string }>(db.url, 'SELECT n::name::text AS stored FROM unnest($1::text[]) WITH ORDINALITY u(n, i) ORDER BY i', [input]);
        assert.deepEqual(rows.map((r) => r.stored), input.map(storedName));
      } finally {
        await db.drop();
      }
    });

    test("objectName agrees with the name the server gives a serial's sequence", async () => {
      const db = await createScratchDatabase(target, 'serial_names');
      try {
        for (const [i, [table, column]] of [names(2, 11), names(2, 12), ['t', names(1, 13)[0]], [names(1, 14)[0], 'id']].entries()) {
          await adminQuery(db.url, `CREATE TABLE "${table}" ("${column}" serial)`);
          const [row] = await adminQuery<{ seq: string }>(db.url, `SELECT s.relname AS seq FROM pg_class s JOIN pg_depend d ON d.objid = s.oid WHERE s.relkind = 'S' AND d.refobjid = $1::regclass`, [`"${storedName(table)}"`]);
          assert.equal(row.seq, objectName(storedName(table), storedName(column), 'seq'), `case ${i}`);
          await adminQuery(db.url, `DROP TABLE "${table}"`);
        }
      } finally {
        await db.drop();
      }
    });
  });
}
