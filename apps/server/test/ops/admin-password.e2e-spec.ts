import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTestServer } from '../support/test-server';

/** `login` as admin; the HTTP status (200 logged in, 531 refused, as CloudStack answers a wrong password). */
async function loginStatus(url: string, password: string): Promise<number> {
  const reply = await fetch(`${url}/client/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ command: 'login', response: 'json', username: 'admin', password }),
  });
  await reply.arrayBuffer();
  return reply.status;
}

describe('CSBR_ADMIN_PASSWORD once the admin exists', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('is applied at the next start, and an unset one leaves the stored password alone', async () => {
    const first = await startTestServer({ DATABASE_URL: database.url, CSBR_ADMIN_PASSWORD: 'first-Pass-1' });
    const firstStatus = await loginStatus(first.url, 'first-Pass-1');
    await first.close();

    const second = await startTestServer({ DATABASE_URL: database.url, CSBR_ADMIN_PASSWORD: 'second-Pass-2' });
    const afterChange = [await loginStatus(second.url, 'first-Pass-1'), await loginStatus(second.url, 'second-Pass-2')];
    await second.close();

    const third = await startTestServer({ DATABASE_URL: database.url, CSBR_ADMIN_PASSWORD: '' });
    const whenUnset = [await loginStatus(third.url, 'second-Pass-2'), await loginStatus(third.url, 'password')];
    await third.close();

    expect(firstStatus).toBe(200);
    expect(afterChange).toEqual([531, 200]);
    expect(whenUnset).toEqual([200, 531]);
  });
});
