import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compare } from '../../../src/engine/diff/compare';
import { reverseAll } from '../../../src/engine/diff/reverse';
import { toSql } from '../../../src/engine/diff/to-sql';
import { column, model, table } from './models';

const TYPE = '"crm"."lead_stage"';
const stageEnum = (values: string[]) => ({ schema: 'crm', name: 'lead_stage', values });
const leads = (stage: string | null, past: string | null) =>
  table('crm', 'leads', { columns: [column('id', 'integer', { generated: 'serial' }), column('stage', TYPE, { default: stage }), column('past', `${TYPE}[]`, { default: past })] });

const before = model({ enums: [stageEnum(['cold', 'warm', 'lost', 'won'])], tables: [leads("'lost'", "'{won,cold}'")] });
const after = model({ enums: [stageEnum(['cold', 'warm'])], tables: [leads("'warm'", null)] });

const statements = (ops: ReturnType<typeof reverseAll>) => ops.flatMap(toSql);
const positions = (sql: readonly string[], column: string) =>
  sql.map((s, i) => [s, i] as const).filter(([s]) => s.includes(`"${column}"`) && /DEFAULT|TYPE/.test(s)).map(([s]) => s.replace(/^ALTER TABLE "crm"\."leads" ALTER COLUMN /, ''));

test('an enum rebuild whose removed value was a default drops it before the retype and sets the new one after', () => {
  const ops = compare(after, before);
  assert.deepEqual(ops.map((o) => o.kind), ['recreate-enum'], 'the default changes travel with the rebuild');
  const up = statements([...ops]);
  assert.deepEqual(positions(up, 'stage'), ['"stage" DROP DEFAULT', `"stage" TYPE ${TYPE} USING "stage"::text::${TYPE}`, `"stage" SET DEFAULT 'warm'`]);
  assert.deepEqual(positions(up, 'past'), ['"past" DROP DEFAULT', `"past" TYPE ${TYPE}[] USING "past"::text[]::${TYPE}[]`]);
});

test('down rebuilds the old type first and only then restores the old defaults', () => {
  const down = statements(reverseAll(compare(after, before)));
  assert.deepEqual(positions(down, 'stage'), ['"stage" DROP DEFAULT', `"stage" TYPE ${TYPE} USING "stage"::text::${TYPE}`, `"stage" SET DEFAULT 'lost'`]);
  assert.deepEqual(positions(down, 'past'), [`"past" TYPE ${TYPE}[] USING "past"::text[]::${TYPE}[]`, `"past" SET DEFAULT '{won,cold}'`]);
});

test('a default that keeps a value the new type still has is restored as it was', () => {
  const kept = model({ enums: [stageEnum(['cold', 'won'])], tables: [leads("'cold'", "'{cold}'")] });
  const was = model({ enums: [stageEnum(['cold', 'warm', 'won'])], tables: [leads("'cold'", "'{cold}'")] });
  const up = statements([...compare(kept, was)]);
  assert.deepEqual(positions(up, 'past').slice(-1), [`"past" SET DEFAULT '{cold}'`]);
  assert.deepEqual(positions(up, 'stage').slice(-1), [`"stage" SET DEFAULT 'cold'`]);
});

test('the rebuild says which defaults it changes', async () => {
  const { describeOperation } = await import('../../../src/engine/diff/describe');
  assert.equal(
    describeOperation(compare(after, before)[0]),
    "change enum crm.lead_stage values (cold, warm, lost, won) to (cold, warm); default of crm.leads.stage set to 'warm'; default of crm.leads.past dropped",
  );
});
