import { Agent, fetch } from 'undici';

import { startVeeamSimulator, type VeeamSimulator } from '../src';
import { shapeErrors } from './support/shape';
import { PERSONALITIES, VbrClient } from './support/vbr-client';
import { ERROR, familyOf, serverInfoShape, tokenShape } from './support/vbr-shapes';

describe.each(PERSONALITIES)(
  'authentication, VBR $personality ($revision)',
  ({ personality, revision }) => {
    let simulator: VeeamSimulator;
    let client: VbrClient;

    beforeAll(async () => {
      simulator = await startVeeamSimulator({
        personality,
        port: 0,
        seed: 'empty',
        users: [
          { username: 'administrator', password: 'Veeam123!', role: 'BackupAdministrator' },
          { username: 'viewer', password: 'look-only', role: 'BackupViewer' },
        ],
      });
    });
    beforeEach(() => {
      client = new VbrClient(simulator, revision);
    });
    afterEach(async () => client.close());
    afterAll(async () => simulator.close());

    it('issues a token pair for the password grant, shaped as the reference gives it', async () => {
      const response = await client.login();
      expect(response.status).toBe(200);
      expect(shapeErrors(response.body, tokenShape(familyOf(revision)))).toEqual([]);
      expect(response.body.expires_in).toBe(900);
      expect(Date.parse(response.body['.expires']) - Date.parse(response.body['.issued'])).toBe(
        900_000,
      );
      const info = await client.get('/api/v1/serverInfo');
      expect(info.status).toBe(200);
      expect(shapeErrors(info.body, serverInfoShape(familyOf(revision)))).toEqual([]);
      expect(info.body.buildVersion).toBe(personality === '12' ? '12.3.1.1139' : '13.1.0.411');
    });

    it('matches the grant type case-insensitively and insists on a form body', async () => {
      const capitalised = await client.post('/api/oauth2/token', {
        form: { grant_type: 'Password', username: 'administrator', password: 'Veeam123!' },
      });
      expect(capitalised.status).toBe(200);
      const asJson = await client.post('/api/oauth2/token', {
        json: { grant_type: 'password', username: 'administrator', password: 'Veeam123!' },
      });
      expect(asJson.status).toBe(400);
      expect(asJson.body.errorCode).toBe('UnexpectedContent');
    });

    it('refuses bad credentials with 401 AccessDenied and no token', async () => {
      const response = await client.login('administrator', 'wrong');
      expect(response.status).toBe(401);
      expect(shapeErrors(response.body, ERROR)).toEqual([]);
      expect(response.body.errorCode).toBe('AccessDenied');
      expect(response.text).not.toContain('access_token');
    });

    it('answers a missing or unsupported x-api-version with 400 NotImplemented, even on the token call', async () => {
      const missing = await client.post('/api/oauth2/token', {
        revision: null,
        form: { grant_type: 'password', username: 'administrator', password: 'Veeam123!' },
      });
      expect(missing.status).toBe(400);
      expect(missing.body.errorCode).toBe('NotImplemented');
      const other = personality === '12' ? '1.3-rev2' : '1.1-rev0';
      const unsupported = await client.post('/api/oauth2/token', {
        revision: other,
        form: { grant_type: 'password', username: 'administrator', password: 'Veeam123!' },
      });
      expect(unsupported.status).toBe(400);
      expect(unsupported.body).toEqual({
        errorCode: 'NotImplemented',
        message: 'The specified API version is not supported.',
      });
    });

    it('serves the swagger probe for its revisions only, without a token', async () => {
      const served = await client.get(`/swagger/v${revision}/swagger.json`, {
        revision: null,
        token: null,
      });
      expect(served.status).toBe(200);
      expect(served.body.info.version).toBe(revision);
      const newer = await client.get('/swagger/v1.4-rev0/swagger.json', {
        revision: null,
        token: null,
      });
      expect(newer.status).toBe(404);
      const v13 = await client.get('/swagger/v1.3-rev0/swagger.json', {
        revision: null,
        token: null,
      });
      expect(v13.status).toBe(personality === '12' ? 404 : 200);
    });

    it('asks for a bearer token on every other route', async () => {
      const response = await client.get('/api/v1/jobs', { token: null });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        errorCode: 'AccessDenied',
        message: 'Unauthorized. Get bearer JWT token at /api/login',
      });
      const forged = await client.get('/api/v1/jobs', { token: 'not-a-token' });
      expect(forged.status).toBe(401);
    });

    it('rotates the pair on refresh: the new tokens work, the used refresh token does not', async () => {
      await client.login();
      const first = { access: client.token!, refresh: client.refreshToken! };
      const refreshed = await client.post('/api/oauth2/token', {
        token: null,
        form: { grant_type: 'refresh_token', refresh_token: first.refresh },
      });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refresh_token).not.toBe(first.refresh);
      expect(refreshed.body.access_token).not.toBe(first.access);
      expect(
        (await client.get('/api/v1/serverInfo', { token: refreshed.body.access_token })).status,
      ).toBe(200);
      const reused = await client.post('/api/oauth2/token', {
        token: null,
        form: { grant_type: 'refresh_token', refresh_token: first.refresh },
      });
      expect(reused.status).toBe(401);
    });

    it('expires access tokens on demand; refresh still works, and revoked refresh tokens force a new login', async () => {
      await client.login();
      expect(simulator.controls.expireAccessTokens()).toBeGreaterThan(0);
      const expired = await client.get('/api/v1/serverInfo');
      expect(expired.status).toBe(401);
      expect(expired.body.errorCode).toBe('AccessDenied');
      const refreshed = await client.post('/api/oauth2/token', {
        token: null,
        form: { grant_type: 'refresh_token', refresh_token: client.refreshToken! },
      });
      expect(refreshed.status).toBe(200);
      expect(
        (await client.get('/api/v1/serverInfo', { token: refreshed.body.access_token })).status,
      ).toBe(200);
      simulator.controls.revokeRefreshTokens();
      const revoked = await client.post('/api/oauth2/token', {
        token: null,
        form: { grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token },
      });
      expect(revoked.status).toBe(401);
      expect((await client.login()).status).toBe(200);
    });

    it('lets tokens run out on the simulator clock', async () => {
      simulator.controls.setTokenLifetimes({ accessSeconds: 60 });
      try {
        const login = await client.login();
        expect(login.body.expires_in).toBe(60);
        simulator.controls.advanceClock(59_000);
        expect((await client.get('/api/v1/serverInfo')).status).toBe(200);
        simulator.controls.advanceClock(1_000);
        expect((await client.get('/api/v1/serverInfo')).status).toBe(401);
      } finally {
        simulator.controls.setTokenLifetimes({ accessSeconds: 900 });
      }
    });

    it('logs out: both tokens stop working', async () => {
      await client.login();
      const refresh = client.refreshToken!;
      expect((await client.post('/api/oauth2/logout')).status).toBe(200);
      expect((await client.get('/api/v1/serverInfo')).status).toBe(401);
      const refreshed = await client.post('/api/oauth2/token', {
        token: null,
        form: { grant_type: 'refresh_token', refresh_token: refresh },
      });
      expect(refreshed.status).toBe(401);
    });

    it('lets a Backup Viewer read but not change anything (403 AccessDenied)', async () => {
      await client.login('viewer', 'look-only');
      expect((await client.get('/api/v1/jobs')).status).toBe(200);
      const create = await client.post('/api/v1/jobs', { json: {} });
      expect(create.status).toBe(403);
      expect(create.body).toEqual({ errorCode: 'AccessDenied', message: 'Forbidden' });
    });

    it('uses TLS with its own certificate: trusted with the CA, refused without it', async () => {
      const certificate = await client.get('/api/v1/serverCertificate', { token: null });
      expect(certificate.status).toBe(200);
      expect(certificate.body.thumbprint).toBe(simulator.certificateThumbprint);
      await expect(
        fetch(`${simulator.url}/api/v1/serverInfo`, { dispatcher: new Agent() }),
      ).rejects.toThrow();
    });
  },
);

describe('ExpiredToken as the expired-token errorCode', () => {
  it('answers an expired token with 401 ExpiredToken when configured so', async () => {
    const simulator = await startVeeamSimulator({
      port: 0,
      seed: 'empty',
      expiredTokenErrorCode: 'ExpiredToken',
    });
    const client = new VbrClient(simulator, '1.3-rev2');
    try {
      await client.login();
      simulator.controls.expireAccessTokens();
      const response = await client.get('/api/v1/serverInfo');
      expect(response.status).toBe(401);
      expect(response.body.errorCode).toBe('ExpiredToken');
    } finally {
      await client.close();
      await simulator.close();
    }
  });
});
