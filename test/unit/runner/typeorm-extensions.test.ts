import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extensionsRelied } from '../../../src/engine/runner/typeorm-extensions';

test('the extensions migrations use without creating them, as TypeORM-generated ones do', () => {
  assert.deepEqual(extensionsRelied(['await queryRunner.query(`CREATE TABLE "s" ("id" uuid NOT NULL DEFAULT uuid_generate_v4())`);']), ['uuid-ossp']);
  assert.deepEqual(extensionsRelied(['CREATE TABLE "t" ("tags" hstore, "email" citext)']), ['citext', 'hstore']);
  // One that creates what it uses needs nothing; gen_random_uuid() is built in.
  assert.deepEqual(extensionsRelied(['CREATE EXTENSION IF NOT EXISTS "citext"; CREATE TABLE "t" ("email" citext)', 'DEFAULT gen_random_uuid()']), []);
});
