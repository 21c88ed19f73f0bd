import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';

import { SecretCipher } from '../configuration/secret-cipher';
import { UserEntity } from '../database/entities';
import { generateApiKey } from './generate-api-key';

/** A user's API key pair in clear, as `registerUserKeys` and `getUserKeys` answer. */
export interface UserKeys {
  readonly apiKey?: string;
  readonly secretKey?: string;
}

/**
 * The work behind `registerUserKeys` and `getUserKeys`. The secret key is stored encrypted with
 * {@link SecretCipher} (HMAC signing needs it back in clear, so it cannot be hashed). Checking that
 * the caller may manage the user's keys is the commands' job.
 */
@Injectable()
export class UserKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
  ) {}

  /**
   * Gives the user a new key pair, replacing any previous one (requests signed with the old keys
   * stop working at once).
   *
   * @param userId - the user's internal id.
   * @returns the new keys, or undefined when there is no such non-removed user.
   */
  async registerUserKeys(userId: string): Promise<Required<UserKeys> | undefined> {
    const apiKey = generateApiKey();
    const secretKey = generateApiKey();
    const result = await this.dataSource.manager.update(
      UserEntity,
      { id: userId, removed: IsNull() },
      { apiKey, secretKey: this.cipher.encrypt(secretKey) },
    );
    return result.affected === 0 ? undefined : { apiKey, secretKey };
  }

  /**
   * The user's current keys in clear; fields are left out when the user has no keys.
   *
   * @param userId - the user's internal id.
   * @returns undefined when there is no such non-removed user.
   * @throws Error when the stored secret was encrypted with another key (the message holds no value).
   */
  async getUserKeys(userId: string): Promise<UserKeys | undefined> {
    const user = await this.dataSource.manager.findOne(UserEntity, {
      select: { id: true, apiKey: true, secretKey: true },
      where: { id: userId, removed: IsNull() },
    });
    if (user === null) return undefined;
    return {
      ...(user.apiKey === null ? {} : { apiKey: user.apiKey }),
      ...(user.secretKey === null ? {} : { secretKey: this.cipher.decrypt(user.secretKey) }),
    };
  }
}
