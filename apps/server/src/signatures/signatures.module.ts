import { Module } from '@nestjs/common';

import { SystemClock } from '../clock/system-clock';
import { DbSignatureReplayGuard } from './db-signature-replay-guard';
import { SignatureRecordPurger } from './signature-record-purger';
import { SIGNATURES_CLOCK } from './signatures.tokens';

/**
 * Replay protection of signed API requests: the guard the API layer asks (`SIGNATURE_REPLAY_GUARD`)
 * and the purge of its records.
 */
@Module({
  providers: [{ provide: SIGNATURES_CLOCK, useClass: SystemClock }, DbSignatureReplayGuard, SignatureRecordPurger],
  exports: [DbSignatureReplayGuard, SignatureRecordPurger],
})
export class SignaturesModule {}
