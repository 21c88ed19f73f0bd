import { isoTime } from '../model/clock';
import { type TokenGrant } from '../model/tokens';
import { type ApiRequest, type ApiResponse, type RouteDef, ok } from '../http/route';
import { badRequest, VbrError } from '../http/vbr-error';

function formBody(request: ApiRequest): URLSearchParams {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (!type.includes('application/x-www-form-urlencoded')) {
    throw badRequest('The token request must be sent as application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(request.rawBody);
}

function tokenResponse(request: ApiRequest, grant: TokenGrant): ApiResponse {
  const body: Record<string, unknown> = {
    access_token: grant.accessToken,
    token_type: 'bearer',
    refresh_token: grant.refreshToken,
    expires_in: Math.round((grant.accessExpiresAt - grant.issuedAt) / 1000),
    '.issued': isoTime(grant.issuedAt),
    '.expires': isoTime(grant.accessExpiresAt),
  };
  if (request.codec.v13) body['username'] = grant.username;
  return ok(body);
}

/** `POST /api/oauth2/token`: password and refresh_token grants; the grant type is case-insensitive. */
function createToken(request: ApiRequest): ApiResponse {
  const form = formBody(request);
  const grantType = (form.get('grant_type') ?? '').toLowerCase();
  const now = request.context.clock.now();
  const shortTerm = (form.get('use_short_term_refresh') ?? '').toLowerCase() === 'true';
  if (grantType === 'password') {
    const username = form.get('username') ?? '';
    const password = form.get('password') ?? '';
    if (username === '' || password === '') throw badRequest('username and password are required.');
    const user = request.context.users.find(
      (candidate) =>
        candidate.username.toLowerCase() === username.toLowerCase() &&
        candidate.password === password,
    );
    if (user === undefined) throw new VbrError(401, 'AccessDenied', 'Invalid credentials.');
    return tokenResponse(request, request.context.tokens.issue(user, now, shortTerm));
  }
  if (grantType === 'refresh_token') {
    const token = form.get('refresh_token') ?? '';
    if (token === '') throw badRequest('refresh_token is required.');
    const previous = request.context.tokens.takeRefresh(token, now);
    if (previous === undefined) {
      throw new VbrError(401, 'AccessDenied', 'The refresh token is invalid or has expired.');
    }
    return tokenResponse(request, request.context.tokens.issue(previous, now, shortTerm));
  }
  if (grantType === '') throw badRequest('grant_type is required.');
  throw badRequest(`The grant type '${form.get('grant_type')}' is not supported.`);
}

export const authRoutes: readonly RouteDef[] = [
  {
    method: 'POST',
    path: '/api/oauth2/token',
    operation: 'CreateToken',
    auth: 'none',
    handler: createToken,
  },
  {
    method: 'POST',
    path: '/api/oauth2/logout',
    operation: 'Logout',
    auth: 'any',
    handler: (request) => {
      if (request.grant) request.context.tokens.logout(request.grant);
      return ok({});
    },
  },
];
