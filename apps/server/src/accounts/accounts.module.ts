import { Global, Module } from '@nestjs/common';

import { ACCOUNT_DIRECTORY, API_USER_STORE, UUID_RESOLVER } from '../api/ports/api-tokens';
import { DbAccountDirectory } from './db-account-directory';
import { DbApiUserStore } from './db-api-user-store';
import { DbUuidResolver } from './db-uuid-resolver';
import { UserKeysService } from './user-keys.service';

/**
 * Users, keys, uuid resolution and the account directory over CloudStack's tables, for the API
 * layer: provides {@link API_USER_STORE}, {@link UUID_RESOLVER} and {@link ACCOUNT_DIRECTORY}, plus
 * {@link UserKeysService} for the key commands. The app gives the API layer `DbSessionStore` (login
 * sessions shared by every instance) on top. Global, like the configuration it builds on. Needs
 * the TypeORM `DataSource` and `SecretCipher` (ConfigurationModule).
 */
@Global()
@Module({
  providers: [
    DbApiUserStore,
    DbUuidResolver,
    DbAccountDirectory,
    UserKeysService,
    { provide: API_USER_STORE, useExisting: DbApiUserStore },
    { provide: UUID_RESOLVER, useExisting: DbUuidResolver },
    { provide: ACCOUNT_DIRECTORY, useExisting: DbAccountDirectory },
  ],
  exports: [API_USER_STORE, UUID_RESOLVER, ACCOUNT_DIRECTORY, UserKeysService, DbUuidResolver, DbApiUserStore],
})
export class AccountsModule {}
