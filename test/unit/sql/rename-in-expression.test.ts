import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';
import { renameInExpression } from '../../../src/engine/sql/rename-in-expression';

before(() => loadSqlParser());

test('bare and quoted references to the column are renamed; everything else stays byte for byte', () => {
  assert.equal(renameInExpression('(label IS NOT NULL)', 'label', 'title'), '("title" IS NOT NULL)');
  assert.equal(renameInExpression('"label" <> \'label\'', 'label', 'title'), '"title" <> \'label\'');
  assert.equal(renameInExpression('USING gist (kind WITH &&)', 'kind', 'Sort Of', 'exclusion'), 'USING gist ("Sort Of" WITH &&)');
  assert.equal(renameInExpression('("price" * 2)', 'price', 'cost'), '("cost" * 2)');
});

test('a mixed-case column only matches its quoted spelling; a bare word folds to lower case', () => {
  assert.equal(renameInExpression('"firstName" IS NULL AND firstname IS NULL', 'firstName', 'given'), '"given" IS NULL AND firstname IS NULL');
  assert.equal(renameInExpression('"firstName" IS NULL AND FIRSTNAME IS NULL', 'firstname', 'given'), '"firstName" IS NULL AND "given" IS NULL');
});

test('strings, qualified names, function names, type names and keywords are not references', () => {
  assert.equal(renameInExpression("lower(lower) = E'lower\\'s' AND x::lower > t.lower", 'lower', 'up'), "lower(\"up\") = E'lower\\'s' AND x::lower > t.lower");
  assert.equal(renameInExpression('"null" IS NULL', 'null', 'nothing'), '"nothing" IS NULL');
  assert.equal(renameInExpression('relabel_count > 0 AND label_x > 0', 'label', 'title'), 'relabel_count > 0 AND label_x > 0');
  assert.equal(renameInExpression('"été" > 0 AND été < 5', 'été', 'summer'), '"summer" > 0 AND "summer" < 5');
});

test('exclusions: element names, expressions and the predicate, not the operator class or method', () => {
  assert.equal(
    renameInExpression('USING gist (kind WITH =, during WITH &&, (lower(kind)) WITH =) WHERE ((kind > 0))', 'kind', 'sort', 'exclusion'),
    'USING gist ("sort" WITH =, during WITH &&, (lower("sort")) WITH =) WHERE (("sort" > 0))',
  );
  assert.equal(renameInExpression('USING gist (during WITH &&)', 'gist', 'x', 'exclusion'), 'USING gist (during WITH &&)');
});

test('what the scanner knows and a hand scanner did not: comments, dollar quotes, multibyte text before a reference', () => {
  assert.equal(renameInExpression("note = $$label$$ AND /* label */ label > 'é'", 'label', 'title'), "note = $$label$$ AND /* label */ \"title\" > 'é'");
  assert.equal(renameInExpression("'éé' = label", 'label', 'title'), "'éé' = \"title\"");
  assert.equal(renameInExpression("a > 0 -- label\n AND label > 0", 'label', 'title'), "a > 0 -- label\n AND \"title\" > 0");
});

test('text the parser cannot read stays as it is', () => {
  assert.equal(renameInExpression('label >', 'label', 'title'), 'label >');
});
