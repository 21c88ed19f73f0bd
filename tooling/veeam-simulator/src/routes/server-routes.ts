import { type ApiRequest, type RouteDef, ok } from '../http/route';

function serverInfo(request: ApiRequest) {
  const { context } = request;
  const body: Record<string, unknown> = {
    vbrId: context.serverId,
    name: 'vbr.sim.local',
    buildVersion: context.profile.buildVersion,
    patches: [],
    databaseVendor: 'PostgreSql',
    sqlServerEdition: '',
    sqlServerVersion: '15.0',
    databaseSchemaVersion: context.profile.personality === '12' ? '12.3.1' : '13.0',
    databaseContentVersion: '1',
  };
  if (request.codec.v13) {
    body['veeamRegistration'] = { isRegistered: false };
    body['platform'] = 'Linux';
  }
  return ok(body);
}

function serverCertificate(request: ApiRequest) {
  const { certificate } = request.context;
  const body: Record<string, unknown> = {
    thumbprint: certificate.thumbprint,
    serialNumber: certificate.serialNumber,
    keyAlgorithm: 'ECDSA',
    keySize: '256',
    subject: certificate.subject,
    issuedTo: certificate.subject,
    issuedBy: certificate.subject,
    validFrom: certificate.validFrom,
    validBy: certificate.validTo,
  };
  if (request.codec.v13) body['isTrusted'] = false;
  return ok(body);
}

export const serverRoutes: readonly RouteDef[] = [
  {
    method: 'GET',
    path: '/api/v1/serverInfo',
    operation: 'GetServerInfo',
    auth: 'any',
    handler: serverInfo,
  },
  {
    method: 'GET',
    path: '/api/v1/serverCertificate',
    operation: 'GetServerCertificate',
    // The one VBR route that needs no token: clients read the thumbprint to pin it.
    auth: 'none',
    handler: serverCertificate,
  },
];
