import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createPrivateFile, makePrivateFolders } from '../../../src/engine/backup/private-file';
import { scratchDir } from '../../support/scratch-dir';

const mode = (path: string) => statSync(path).mode & 0o777;

/** The umask a user may well have (0, 002, 022): none of them may widen a backup's mode. */
for (const umask of [0o000, 0o002, 0o022]) {
  test(`backup folders are 0700 and files 0600 under umask ${umask.toString(8).padStart(3, '0')}`, () => {
    const previous = process.umask(umask);
    try {
      const root = scratchDir('dbm-private-');
      chmodSync(root, 0o755);
      const file = join(root, 'a', 'b c', 'd', 'x.dump');
      makePrivateFolders(file);
      for (const dir of ['a', 'a/b c', 'a/b c/d']) assert.equal(mode(join(root, dir)), 0o700, dir);
      assert.equal(mode(root), 0o755, 'a folder that existed keeps its mode');
      createPrivateFile(file);
      assert.equal(mode(file), 0o600);
      // A file left world-readable by an earlier run is made private, and emptied.
      const old = join(root, 'a', 'old.partial');
      writeFileSync(old, 'rows');
      chmodSync(old, 0o644);
      createPrivateFile(old);
      assert.equal(mode(old), 0o600);
      assert.equal(statSync(old).size, 0);
      const existing = join(root, 'mine');
      mkdirSync(existing, { mode: 0o750 });
      chmodSync(existing, 0o750);
      makePrivateFolders(join(existing, 'y.sql'));
      assert.equal(mode(existing), 0o750);
    } finally {
      process.umask(previous);
    }
  });
}
