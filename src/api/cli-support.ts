/**
 * What the CLI needs besides the commands: wording, masking and exit statuses. Not part of
 * the package's public surface (the CLI loads it with the API, src/cli/load-api.ts).
 */
export { noun, plural } from '../engine/text/plural';
export { commandLine, npmScriptFor } from '../engine/text/command-line';
export { maskUrl, maskedUrl, redactSecrets, redactValue, passwordOf, secretsOf } from '../engine/config/mask-url';
export { connectionSecrets } from '../engine/config/connection-secrets';
export { describePlan, planSummary } from '../engine/safety/destruction-plan';
export { typedError } from '../engine/errors/os-error';
