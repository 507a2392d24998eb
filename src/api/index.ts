// The public surface of db-manage. The CLI and the tests import only from here.
export type { ApiOptions, ProgressEvent } from './api-options';
export { init } from './init';
export type { InitReport } from './init';
export { status } from './status';
export type { StatusOptions, StatusReport, ConnectionReport } from './status';
export { url } from './url';
export type { UrlOptions, UrlReport } from './url';
export { startServer, stopServer, serverState } from './server';
export type { ServerReport } from './server';
export { DbManageError, isDbManageError } from '../engine/errors/db-manage-error';
export { EXIT_STATUS, exitStatusFor } from '../engine/errors/error-codes';
export type { ErrorCode } from '../engine/errors/error-codes';
export { databaseUrl, connectionTarget } from '../engine/config/connection-target';
export { maskUrl, redactSecrets, passwordOf } from '../engine/config/mask-url';
export type { MigrationRef } from '../engine/history/migration-ref';
export type { TableCount } from '../engine/inspect/table-counts';
