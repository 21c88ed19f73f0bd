import { type AddressInfo } from 'node:net';

import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';

import { randomApiKeys } from '../../support/api-keys';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { createTempDir, testConfig } from '../../support/test-server';
import { type Json } from '../../support/json-body';
import { type ApiParams, SignedClient } from '../../support/signed-client';
import { InventoryTestModule } from './inventory-test-module';

/** A user made through the API, with its own signed client. */
export interface ApiUser {
  readonly client: SignedClient;
  readonly accountId: string;
  readonly accountName: string;
  readonly userId: string;
  readonly domainId: string;
}

/** A listening server on its own MariaDB database, with the admin's signed client. */
export interface InventoryEnv {
  readonly app: INestApplication;
  readonly url: string;
  readonly dataSource: DataSource;
  readonly admin: SignedClient;
  /** Creates an account through the API (as the admin unless told) and gives its user API keys. */
  createUser(params: { readonly name: string; readonly accounttype?: number; readonly domainid?: string; readonly as?: SignedClient }): Promise<ApiUser>;
  /** Creates an enabled zone through the API; returns its uuid. */
  createZone(name: string, params?: ApiParams): Promise<string>;
  /** Deploys a VM through the API and returns the `virtualmachine` of its job result. */
  deployVm(client: SignedClient, params: ApiParams): Promise<Record<string, Json>>;
  query<T = Record<string, Json>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * Boots the test module (see `InventoryTestModule`) over real HTTP on a free port. Bodies are left
 * unparsed for the API layer, which reads form bodies itself.
 */
export async function startInventoryEnv(): Promise<InventoryEnv> {
  const database: TestDatabase = await createTestDatabase();
  const dataDir = createTempDir();
  const adminKeys = randomApiKeys();
  let app: INestApplication;
  try {
    const config = testConfig({
      DATABASE_URL: database.url,
      CSBR_DATA_DIR: dataDir.path,
      CSBR_ADMIN_API_KEY: adminKeys.apiKey,
      CSBR_ADMIN_SECRET_KEY: adminKeys.secretKey,
    });
    app = await NestFactory.create(InventoryTestModule.forRoot(config), {
      logger: ['fatal', 'error'],
      bodyParser: false,
      abortOnError: false,
    });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await database.drop();
    dataDir.remove();
    throw error;
  }
  const port = (app.getHttpServer() as { address(): AddressInfo }).address().port;
  const url = `http://127.0.0.1:${port}`;
  const admin = new SignedClient(url, adminKeys.apiKey, adminKeys.secretKey);
  const dataSource = app.get(DataSource);

  const createUser: InventoryEnv['createUser'] = async ({ name, accounttype = 0, domainid, as = admin }) => {
    const { account } = await as.ok('createAccount', {
      username: name,
      password: `${name}-password`,
      email: `${name}@example.com`,
      firstname: name,
      lastname: 'Tester',
      accounttype,
      ...(domainid === undefined ? {} : { domainid }),
    });
    const userId = account.user[0].id as string;
    const { userkeys } = await admin.ok('registerUserKeys', { id: userId });
    return {
      client: new SignedClient(url, userkeys.apikey, userkeys.secretkey),
      accountId: account.id,
      accountName: account.name,
      userId,
      domainId: account.domainid,
    };
  };

  return {
    app,
    url,
    dataSource,
    admin,
    createUser,
    createZone: async (name, params = {}) => {
      const { zone } = await admin.ok('createZone', { name, dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Advanced', ...params });
      return zone.id as string;
    },
    deployVm: async (client, params) => (await client.jobResult('deployVirtualMachine', params)).virtualmachine,
    query: (sql, params = []) => dataSource.query(sql, [...params]),
    close: async () => {
      try {
        await app.close();
      } finally {
        await database.drop();
        dataDir.remove();
      }
    },
  };
}
