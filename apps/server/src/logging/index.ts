export { createProviderLogger } from './nest-provider-logger';
export { nestLogLevels } from './nest-log-levels';
export { redact, REDACTED, SENSITIVE_FIELD } from './redact';
