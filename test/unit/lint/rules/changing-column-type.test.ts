import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/changing-column-type';
import { lintErrors, lintOk } from '../rule-cases';

const catalog = new Map([['public\u0000posts', new Map([['title', 'character varying(200)'], ['price', 'numeric(10,2)'], ['views', 'integer']])]]);

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'longer varchar (typed context)', sql: ['ALTER TABLE "posts" ALTER COLUMN "title" TYPE varchar(300)'], statement: { previousType: 'varchar(200)' } },
    { name: 'longer varchar (catalog)', sql: ['ALTER TABLE posts ALTER COLUMN title TYPE character varying(300)'], context: { columnTypes: catalog } },
    { name: 'varchar to text', sql: ['ALTER TABLE posts ALTER COLUMN title TYPE text'], context: { columnTypes: catalog } },
    { name: 'more numeric precision, same scale', sql: ['ALTER TABLE posts ALTER price TYPE decimal(12, 2)'], context: { columnTypes: catalog } },
    {
      name: 'type known from an earlier statement',
      sql: ['ALTER TABLE users ADD COLUMN bio varchar(100)', 'ALTER TABLE users ALTER COLUMN bio SET DATA TYPE varchar(500)'],
    },
    { name: 'new table', sql: ['CREATE TABLE t (a int)', 'ALTER TABLE t ALTER COLUMN a TYPE bigint'] },
    { name: 'USING a plain cast to the new type', sql: ['ALTER TABLE posts ALTER COLUMN "title" TYPE character varying(300) USING "title"::character varying(300)'], context: { columnTypes: catalog } },
    { name: 'USING a cast that leaves the length to the assignment (what migrate writes)', sql: ['ALTER TABLE posts ALTER COLUMN "title" TYPE character varying(300) USING "title"::character varying'], context: { columnTypes: catalog } },
  ]);
  lintErrors(rule, [
    { name: 'int to bigint', sql: ['ALTER TABLE posts ALTER COLUMN views TYPE bigint'], context: { columnTypes: catalog }, message: /integer → bigint is not binary-coercible/ },
    { name: 'shorter varchar', sql: ['ALTER TABLE posts ALTER COLUMN title TYPE varchar(100)'], context: { columnTypes: catalog }, message: /narrows/ },
    { name: 'numeric scale change', sql: ['ALTER TABLE posts ALTER COLUMN price TYPE numeric(12,3)'], context: { columnTypes: catalog } },
    { name: 'USING recomputes rows', sql: ['ALTER TABLE posts ALTER COLUMN title TYPE text USING lower(title)'], context: { columnTypes: catalog }, message: /USING/ },
    { name: 'USING through another type', sql: ['ALTER TABLE posts ALTER COLUMN title TYPE varchar(300) USING title::text::varchar(300)'], context: { columnTypes: catalog } },
    { name: 'unknown previous type', sql: ['ALTER TABLE posts ALTER COLUMN body TYPE jsonb'], message: /may rewrite/ },
  ]);
});
