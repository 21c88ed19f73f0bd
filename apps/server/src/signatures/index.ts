export { DbSignatureReplayGuard } from './db-signature-replay-guard';
export { SignatureRecordPurger } from './signature-record-purger';
export { SignaturesModule } from './signatures.module';
