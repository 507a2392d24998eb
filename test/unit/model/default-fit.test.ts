import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultsThatDoNotFit } from '../../../src/engine/model/default-warnings';
import { column, model, table } from '../diff/models';

test('a default longer than its varchar or char column holds is one warning; one that fits is none', () => {
  const m = model({
    tables: [
      table('crm', 'HTTPLog', {
        columns: [
          column('tags', 'character varying(1)[]', { default: `'{a,it''s,"with space"}'::character varying[]` }),
          column('code', 'character(2)', { default: `'abc'::bpchar` }),
          column('fits', 'character varying(3)', { default: `'ünï'::character varying` }),
          column('short', 'character varying(1)[]', { default: `'{a,NULL,b}'::character varying[]` }),
          column('free', 'character varying', { default: `'any length at all'` }),
          column('expr', 'character varying(2)', { default: 'upper(current_user)' }),
        ],
      }),
    ],
  });
  const warnings = defaultsThatDoNotFit(m);
  assert.equal(warnings.length, 2, warnings.join('\n'));
  assert.match(warnings[0], /^crm\.HTTPLog\.code: the default "abc" is longer than character\(2\) holds/);
  assert.match(warnings[1], /^crm\.HTTPLog\.tags: the default "it's" is longer than character varying\(1\)\[\] holds/);
});
