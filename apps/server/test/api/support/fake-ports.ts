import { type Caller, type Clock } from '@csbr/framework/host';
import { type AccountDirectory, type DomainRecord } from '../../../src/api/ports/account-directory';
import { type CommandActionEvent, type ActionEventWriter } from '../../../src/api/ports/action-event-writer';
import { type ApiKeyOwner, type ApiUserStore, type LoginCredentials, type LoginResult } from '../../../src/api/ports/api-user-store';
import { type UuidResolver } from '../../../src/api/ports/uuid-resolver';

export const ROOT_DOMAIN: DomainRecord = { id: '10000000-0000-4000-8000-000000000001', uuid: '10000000-0000-4000-8000-000000000001', path: '/' };
export const SALES_DOMAIN: DomainRecord = { id: '10000000-0000-4000-8000-000000000002', uuid: '10000000-0000-4000-8000-000000000002', path: '/sales/' };
export const MARKETING_DOMAIN: DomainRecord = { id: '10000000-0000-4000-8000-000000000003', uuid: '10000000-0000-4000-8000-000000000003', path: '/marketing/' };

/** A test user: its caller, API keys and password. Ids are uuids so that in-memory jobs show uuids. */
export interface TestUser {
  readonly caller: Caller;
  readonly apiKey: string;
  readonly secretKey: string;
  readonly username: string;
  readonly password: string;
  readonly userEnabled: boolean;
  readonly accountEnabled: boolean;
}

function user(
  index: number,
  username: string,
  roleType: Caller['roleType'],
  domain: DomainRecord,
  flags: { userEnabled?: boolean; accountEnabled?: boolean } = {},
): TestUser {
  const suffix = String(index).padStart(12, '0');
  return {
    caller: {
      userId: `20000000-0000-4000-8000-${suffix}`,
      accountId: `30000000-0000-4000-8000-${suffix}`,
      accountName: username,
      domainId: domain.id,
      domainPath: domain.path,
      roleType,
    },
    apiKey: `${username}-api-key`,
    secretKey: `${username}-secret-key`,
    username,
    password: `${username}-password`,
    userEnabled: flags.userEnabled ?? true,
    accountEnabled: flags.accountEnabled ?? true,
  };
}

export const USERS = {
  admin: user(1, 'admin', 'Admin', ROOT_DOMAIN),
  domainAdmin: user(2, 'salesadmin', 'DomainAdmin', SALES_DOMAIN),
  alice: user(3, 'alice', 'User', SALES_DOMAIN),
  bob: user(4, 'bob', 'User', SALES_DOMAIN),
  disabledUser: user(5, 'disableduser', 'User', SALES_DOMAIN, { userEnabled: false }),
  disabledAccount: user(6, 'disabledaccount', 'User', SALES_DOMAIN, { accountEnabled: false }),
  marketer: user(7, 'marketer', 'User', MARKETING_DOMAIN),
} as const;

const ALL_USERS: readonly TestUser[] = Object.values(USERS);
const DOMAINS: readonly DomainRecord[] = [ROOT_DOMAIN, SALES_DOMAIN, MARKETING_DOMAIN];

export class FakeApiUserStore implements ApiUserStore {
  findByApiKey(apiKey: string): Promise<ApiKeyOwner | undefined> {
    const found = ALL_USERS.find((candidate) => candidate.apiKey === apiKey);
    return Promise.resolve(
      found && {
        caller: found.caller,
        secretKey: found.secretKey,
        userEnabled: found.userEnabled,
        accountEnabled: found.accountEnabled,
      },
    );
  }

  findCaller(userId: string): Promise<Caller | undefined> {
    return Promise.resolve(ALL_USERS.find((candidate) => candidate.caller.userId === userId)?.caller);
  }

  authenticate(credentials: LoginCredentials): Promise<LoginResult | undefined> {
    const domain = credentials.domainId
      ? DOMAINS.find((candidate) => candidate.uuid === credentials.domainId)
      : DOMAINS.find((candidate) => candidate.path === (credentials.domainPath ?? '/'));
    const found = ALL_USERS.find(
      (candidate) =>
        candidate.username === credentials.username &&
        candidate.password === credentials.password &&
        candidate.caller.domainId === domain?.id &&
        candidate.userEnabled &&
        candidate.accountEnabled,
    );
    return Promise.resolve(
      found && {
        caller: found.caller,
        username: found.username,
        userUuid: found.caller.userId,
        domainUuid: found.caller.domainId,
        accountName: found.caller.accountName,
        firstName: found.username.toUpperCase(),
        lastName: 'Tester',
        timezone: found.caller.roleType === 'Admin' ? 'Asia/Kolkata' : undefined,
      },
    );
  }
}

/** Things (the test entity) and domains, by uuid; internal ids are `thing-<n>` to tell them apart. */
export const THINGS = [
  { uuid: '40000000-0000-4000-8000-000000000001', internalId: 'thing-1', name: 'alpha' },
  { uuid: '40000000-0000-4000-8000-000000000002', internalId: 'thing-2', name: 'beta' },
  { uuid: '40000000-0000-4000-8000-000000000003', internalId: 'thing-3', name: 'gamma' },
] as const;

export class FakeUuidResolver implements UuidResolver {
  resolve(entityType: string, uuid: string): Promise<string | undefined> {
    if (entityType === 'Thing') {
      return Promise.resolve(THINGS.find((thing) => thing.uuid === uuid)?.internalId);
    }
    if (entityType === 'Domain') {
      return Promise.resolve(DOMAINS.find((domain) => domain.uuid === uuid)?.id);
    }
    return Promise.resolve(undefined);
  }
}

export class FakeAccountDirectory implements AccountDirectory {
  findDomain(id: string): Promise<DomainRecord | undefined> {
    return Promise.resolve(DOMAINS.find((domain) => domain.id === id));
  }

  findAccountId(accountName: string, domainId: string): Promise<string | undefined> {
    return Promise.resolve(
      ALL_USERS.find((candidate) => candidate.caller.accountName === accountName && candidate.caller.domainId === domainId)
        ?.caller.accountId,
    );
  }
}

/** A clock the tests move by hand. */
export class MutableClock implements Clock {
  private current = Date.now();

  now(): Date {
    return new Date(this.current);
  }

  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000;
  }
}

export class RecordingActionEventWriter implements ActionEventWriter {
  readonly events: { phase: 'started' | 'completed' | 'failed'; type: string; jobId?: string; errorText?: string }[] = [];

  started(event: CommandActionEvent): Promise<void> {
    this.events.push({ phase: 'started', type: event.type, jobId: event.jobId });
    return Promise.resolve();
  }

  completed(event: CommandActionEvent): Promise<void> {
    this.events.push({ phase: 'completed', type: event.type, jobId: event.jobId });
    return Promise.resolve();
  }

  failed(event: CommandActionEvent & { readonly errorText: string }): Promise<void> {
    this.events.push({ phase: 'failed', type: event.type, jobId: event.jobId, errorText: event.errorText });
    return Promise.resolve();
  }
}
