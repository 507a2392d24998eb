import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureReachable, serverIdentity } from '../../src/engine/server/server-account';

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

test('as root, only the folders that block the server account get traverse permission, and the caller is told which (H11)', { skip: !asRoot && 'needs root' }, () => {
  const identity = serverIdentity()!;
  const top = mkdtempSync(join(tmpdir(), 'dbm-reach-'));
  try {
    const closed = join(top, 'closed');
    const open = join(closed, 'open');
    mkdirSync(open, { recursive: true });
    chmodSync(top, 0o755);
    chmodSync(closed, 0o700);
    chmodSync(open, 0o750);
    const data = join(open, '.db-manage', 'postgres');
    // db-manage's own folder, as the server start leaves it: the account's, 0700.
    mkdirSync(join(open, '.db-manage'), { mode: 0o700 });
    chownSync(join(open, '.db-manage'), identity.uid, identity.gid);
    // `open` is 0750 and root's: it blocks as well, so both are opened, nothing else.
    assert.deepEqual(ensureReachable(identity, data), [closed, open]);
    assert.equal(statSync(closed).mode & 0o777, 0o701);
    assert.equal(statSync(open).mode & 0o777, 0o751);
    assert.equal(statSync(top).mode & 0o777, 0o755);
    assert.deepEqual(ensureReachable(identity, data), [], 'a second call changes nothing');
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});
