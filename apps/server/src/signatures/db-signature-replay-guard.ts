import { createHash } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { type Clock } from '@csbr/framework/host';
import { DataSource } from 'typeorm';

import { type SignatureReplayGuard } from '../api/ports/signature-replay-guard';
import { ConfigurationService } from '../configuration/configuration.service';
import { API_SIGNATURE_REPLAY_PROTECTION } from '../configuration/server-config-keys';
import { ApiRequestSignatureEntity } from '../database/entities';
import { violatedUniqueConstraint } from '../persistence/database-errors';
import { SIGNATURES_CLOCK } from './signatures.tokens';

/** How long the guard keeps `api.signature.replay.protection` between two reads. */
const SETTING_LIFETIME_MS = 1000;

/**
 * Replay protection over `api_request_signature`, shared by every server instance on the database:
 * the row's primary key is the hash of the key and the signature, so of two instances recording the
 * same signature at once exactly one succeeds. Turned on and off by `api.signature.replay.protection`,
 * read at most once a second (and after every change made through this instance).
 */
@Injectable()
export class DbSignatureReplayGuard implements SignatureReplayGuard {
  private setting: { readonly enabled: boolean; readonly changes: number; readonly readAt: number } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly configuration: ConfigurationService,
    @Inject(SIGNATURES_CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The setting, kept for {@link SETTING_LIFETIME_MS} (it is asked on every signed request): read
   * again at once after this instance changes any setting, within a second after another does.
   */
  async isEnabled(): Promise<boolean> {
    const known = this.setting;
    const changes = this.configuration.changes;
    if (known !== undefined && known.changes === changes && performance.now() - known.readAt < SETTING_LIFETIME_MS) {
      return known.enabled;
    }
    const enabled = (await this.configuration.getValue(API_SIGNATURE_REPLAY_PROTECTION)) === 'true';
    this.setting = { enabled, changes, readAt: performance.now() };
    return enabled;
  }

  async remember(apiKey: string, signature: string, expires: Date): Promise<boolean> {
    try {
      await this.dataSource
        .getRepository(ApiRequestSignatureEntity)
        .insert({ signatureHash: signatureHash(apiKey, signature), expires, created: this.clock.now() });
      return true;
    } catch (error: unknown) {
      if (violatedUniqueConstraint(error) !== undefined) return false;
      throw error;
    }
  }
}

/** The row key: never the signature itself, which would let a reader of the table learn valid ones. */
function signatureHash(apiKey: string, signature: string): string {
  return createHash('sha256').update(`${apiKey}\n${signature}`, 'utf8').digest('hex');
}
