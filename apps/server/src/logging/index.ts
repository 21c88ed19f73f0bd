export { createProviderLogger } from './nest-provider-logger';
export { redact, REDACTED, SENSITIVE_FIELD } from './redact';
