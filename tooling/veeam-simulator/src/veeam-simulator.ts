import { createServer, type Server } from 'node:https';
import { type AddressInfo } from 'node:net';

import { createCertificate } from './certificate';
import { CONTROL_PREFIX, ControlApi } from './controls/control-api';
import { SimulatorControls } from './controls/simulator-controls';
import { ApiHandler } from './http/api-handler';
import { Router } from './http/route';
import { sendJson, Delays } from './http/wire';
import { isRevision } from './personality';
import { personalityProfile, type PersonalityProfile } from './personality';
import { resolveOptions, type VeeamSimulatorOptions } from './options';
import { API_ROUTES, OPERATIONS } from './routes';
import { SimulatorContext } from './simulator-context';
import { type SimulatorUser } from './model/tokens';

export interface VeeamSimulator {
  /** Base URL, e.g. `https://127.0.0.1:9419` (no trailing slash); the API is under `/api`. */
  readonly url: string;
  readonly port: number;
  /** The self-signed certificate (PEM): pass it as `ca` to trust the simulator. */
  readonly caCertificate: string;
  /** SHA-256 fingerprint of the certificate, `AA:BB:…`. */
  readonly certificateFingerprint: string;
  /** SHA-1 thumbprint as `GET /api/v1/serverCertificate` reports it. */
  readonly certificateThumbprint: string;
  readonly profile: PersonalityProfile;
  /** Users that can log in (the first is the default administrator). */
  readonly users: readonly SimulatorUser[];
  readonly controls: SimulatorControls;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

const SWAGGER_PATH = /^\/swagger\/v([^/]+)\/swagger\.json$/;

/** Starts a VBR REST simulator over HTTPS with a certificate made for this run. */
export async function startVeeamSimulator(
  options: VeeamSimulatorOptions = {},
): Promise<VeeamSimulator> {
  const resolved = resolveOptions(options);
  const profile = personalityProfile(resolved.personality, resolved.newestRevision);
  const certificate = await createCertificate(resolved.certificateHostnames);
  const context = new SimulatorContext(profile, resolved, certificate, OPERATIONS);
  context.seed(resolved.seed);
  const controls = new SimulatorControls(context);
  const delays = new Delays();
  const api = new ApiHandler(context, new Router(API_ROUTES), delays);
  const controlApi = new ControlApi(controls);

  const server: Server = createServer(
    { key: certificate.privateKeyPem, cert: certificate.certificatePem },
    (request, response) => {
      const url = new URL(request.url ?? '/', 'https://simulator.invalid');
      let handling: Promise<void>;
      if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
        handling = controlApi.handle(request, response, url);
      } else {
        const swagger = SWAGGER_PATH.exec(url.pathname);
        if (swagger && request.method === 'GET') {
          // Unauthenticated revision probe: 200 for a served revision, 404 otherwise.
          const revision = swagger[1]!;
          const served = isRevision(revision) && profile.revisions.includes(revision);
          sendJson(
            response,
            served ? 200 : 404,
            served
              ? {
                  openapi: '3.0.1',
                  info: { title: 'Veeam Backup & Replication REST API', version: revision },
                  paths: {},
                }
              : undefined,
          );
          return;
        }
        handling = api.handle(request, response, url);
      }
      handling.catch((error: unknown) => {
        resolved.onError(error);
        if (!response.headersSent)
          sendJson(response, 500, {
            errorCode: 'UnknownError',
            message: 'The request could not be processed.',
          });
      });
    },
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;

  return {
    url: `https://${host}:${port}`,
    port,
    caCertificate: certificate.certificatePem,
    certificateFingerprint: certificate.fingerprint256,
    certificateThumbprint: certificate.thumbprint,
    profile,
    users: context.users,
    controls,
    close: () =>
      new Promise<void>((resolve) => {
        delays.cancelAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
