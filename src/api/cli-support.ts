/**
 * What the CLI needs besides the commands: wording, masking, errors and exit statuses. Not
 * part of the package's public surface (src/cli/load-api.ts); each command imports its own API
 * module when it runs.
 */
export { noun, plural } from '../engine/text/plural';
export { commandLine, npmScriptFor } from '../engine/text/command-line';
export { maskUrl, maskedUrl, redactSecrets, redactValue, passwordOf, secretsOf } from '../engine/config/mask-url';
export { connectionSecrets } from '../engine/config/connection-secrets';
export { describePlan, planSummary } from '../engine/safety/destruction-plan';
export { typedError } from '../engine/errors/os-error';
export { DbManageError, isDbManageError } from '../engine/errors/db-manage-error';
export { exitStatusFor } from '../engine/errors/error-codes';
