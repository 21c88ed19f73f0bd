import { Column, Entity, PrimaryColumn } from 'typeorm';

import { datetimeColumn } from './column-options';

/**
 * `api_request_signature`: signed requests already served, while replay protection is on. The key
 * is a hash of the API key and the signature, never the signature itself.
 */
@Entity({ name: 'api_request_signature' })
export class ApiRequestSignatureEntity {
  /** SHA-256, hex, of `<apiKey>\n<signature>`. */
  @PrimaryColumn({ name: 'signature_hash', type: 'varchar', length: 64 })
  signatureHash: string;

  /** The request's `expires`: after it, the request is refused as expired and the row may go. */
  @Column(datetimeColumn('expires', { nullable: false }))
  expires: Date;

  @Column(datetimeColumn('created', { nullable: false }))
  created: Date;
}
