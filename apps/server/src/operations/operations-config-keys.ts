import { type ConfigKeyDeclaration } from '@csbr/framework';

/** Hours after which a protected VM's last successful backup counts as stale in `/metrics`. */
export const METRICS_STALE_BACKUP_HOURS = 'csbr.metrics.backup.stale.hours';
/** Where backup, restore and scheduled-run outcomes are POSTed; empty = no notifications. */
export const NOTIFICATION_WEBHOOK_URL = 'csbr.notification.webhook.url';
/** Signs each notification body (HMAC-SHA256 in `X-Csbr-Signature`); stored encrypted, never shown. */
export const NOTIFICATION_WEBHOOK_SECRET = 'csbr.notification.webhook.secret';

/** The `component` of the operations keys (metrics, notifications). */
export const OPERATIONS_CONFIG_COMPONENT = 'Operations';

export const OPERATIONS_CONFIG_KEYS: readonly ConfigKeyDeclaration[] = Object.freeze([
  Object.freeze({
    name: METRICS_STALE_BACKUP_HOURS,
    type: 'Integer',
    scope: 'Global',
    default: '48',
    min: 1,
    max: 8760,
    description:
      'Hours after which a protected VM whose last successful backup is older counts in csbr_zone_vms_backup_stale (GET /metrics).',
  } satisfies ConfigKeyDeclaration),
  Object.freeze({
    name: NOTIFICATION_WEBHOOK_URL,
    type: 'String',
    scope: 'Zone',
    default: '',
    description:
      'http(s) URL that receives a signed JSON notification for each finished backup, restore or scheduled run in the zone; empty turns notifications off.',
  } satisfies ConfigKeyDeclaration),
  Object.freeze({
    name: NOTIFICATION_WEBHOOK_SECRET,
    type: 'String',
    scope: 'Zone',
    default: '',
    secure: true,
    description:
      'Secret that signs each notification: header X-Csbr-Signature: sha256=<hex HMAC-SHA256 of the body>. Stored encrypted, never shown.',
  } satisfies ConfigKeyDeclaration),
]);
