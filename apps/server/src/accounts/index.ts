export { AccountsModule } from './accounts.module';
export { callerOf, roleTypeOf } from './caller-of';
export { DbAccountDirectory } from './db-account-directory';
export { DbApiUserStore } from './db-api-user-store';
export { DbUuidResolver } from './db-uuid-resolver';
export { generateApiKey } from './generate-api-key';
export { type UserKeys, UserKeysService } from './user-keys.service';
export { DbSessionStore } from './db-session-store';
