import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultBackupFile, formatForFile, formatOfContent } from '../../../src/engine/backup/backup-file';
import { libpqEnv } from '../../../src/engine/backup/libpq-env';
import { conninfoDbname } from '../../../src/engine/backup/load-backup';

test('the default file is under backups/, named by database and UTC time', () => {
  assert.equal(defaultBackupFile('db_manage', new Date('2025-01-31T14:25:01Z')), 'backups/db_manage-20250131-142501.dump');
  assert.equal(defaultBackupFile('we/ird name', new Date('2025-01-31T14:25:01Z')), 'backups/we_ird_name-20250131-142501.dump');
});

test('.sql writes plain SQL; content decides on restore', () => {
  assert.equal(formatForFile('x.sql'), 'plain');
  assert.equal(formatForFile('x.SQL'), 'plain');
  assert.equal(formatForFile('x.dump'), 'custom');
  assert.equal(formatOfContent(Buffer.from('PGDMP\u0001\u000e')), 'custom');
  assert.equal(formatOfContent(Buffer.from('--\n-- PostgreSQL database dump')), 'plain');
});

test('the password goes to PGPASSWORD, decoded, and nothing to the command line', () => {
  assert.deepEqual(libpqEnv('postgres://app:p%40ss@db.local:6543/shop?sslmode=require'), {
    PGHOST: 'db.local',
    PGPORT: '6543',
    PGUSER: 'app',
    PGPASSWORD: 'p@ss',
    PGDATABASE: 'shop',
    PGSSLMODE: 'require',
    PGAPPNAME: 'db-manage',
  });
  assert.equal(libpqEnv('postgres://app@127.0.0.1/shop', 'other').PGDATABASE, 'other');
  assert.equal(libpqEnv('postgres://app@127.0.0.1/shop').PGPASSWORD, undefined);
});

test('a database name given to pg_restore stays a name', () => {
  assert.equal(conninfoDbname('shop'), "dbname='shop'");
  assert.equal(conninfoDbname("a=b 'c'\\"), "dbname='a=b \\'c\\'\\\\'");
});
