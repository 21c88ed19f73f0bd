import { type ConfigKeyDeclaration } from '@csbr/framework';

/**
 * Whether a signed API request is accepted only once (README, "Security decisions"). A global key
 * rather than an environment variable: every server instance reads it from the one database, so a
 * load balancer can never send a replay to an instance that has it off, and turning it on needs no
 * restart. CloudStack's comparable switch, `enforce.post.requests.and.timestamps`, is a global key too.
 */
export const API_SIGNATURE_REPLAY_PROTECTION = 'api.signature.replay.protection';

/** The `component` of the API server's keys, as CloudStack names ApiServer's. */
export const API_SERVER_CONFIG_COMPONENT = 'ApiServer';

/** The server's own keys (the framework's and the providers' are declared by them). */
export const API_SERVER_CONFIG_KEYS: readonly ConfigKeyDeclaration[] = Object.freeze([
  Object.freeze({
    name: API_SIGNATURE_REPLAY_PROTECTION,
    type: 'Boolean',
    scope: 'Global',
    default: 'false',
    description:
      'Accept each signed API request only once: signed requests must carry expires (at most 20 minutes ahead), ' +
      'and a signature already seen is refused with 401 until it expires.',
  } satisfies ConfigKeyDeclaration),
]);
