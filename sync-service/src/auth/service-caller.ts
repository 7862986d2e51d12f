import type { RequestHandler } from 'express';
import { decodeJwt, type JWTPayload } from 'jose';
import { serviceClientId } from '@procura/realm-config';
import { audiencesOf, invalidToken, verifiedAccessToken, type AccessTokenOptions } from './bearer.js';

/** An online service calling the API with its own client credentials (R29: the decision endpoint). */
export interface ServiceCaller {
  /** The service of the catalogue (`employer-inbox`). */
  readonly serviceId: string;
  /** Its OIDC client (`svc-employer-inbox`), the token's `azp`. */
  readonly clientId: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `identifyService` for a valid client-credentials token of a service's client. */
    service?: ServiceCaller;
  }
}

/**
 * Recognizes a service calling with an access token of its own service account (client
 * credentials grant, RFC 6749 §4.4): `azp` is a service's client of the catalogue, the token is
 * that client's service account's (Keycloak writes `client_id` in those, never in a person's), and
 * its audience, when present, names the client. The token is then verified as every bearer token
 * (RS256, issuer, expiry, `typ: Bearer`) and the request carries `request.service`. Any other
 * token is left to `identifyCaller` (people): a person's token of a service's client is not the
 * service's and is refused there.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4
 */
export function identifyService(options: Pick<AccessTokenOptions, 'issuer' | 'keys'> & { readonly serviceIds: readonly string[] }): RequestHandler {
  const services = new Map(options.serviceIds.map((id) => [serviceClientId(id), id]));
  return (request, _response, next) => {
    const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const clientId = token ? serviceAccountClient(token) : undefined;
    const serviceId = clientId ? services.get(clientId) : undefined;
    if (!token || !clientId || !serviceId) return next();
    verifiedAccessToken(token, options).then((payload) => {
      if (!isServiceAccountToken(payload, clientId)) throw invalidToken();
      request.service = { serviceId, clientId };
      next();
    }, next);
  };
}

/** The client a token claims to be a service-account token of, read before verification (only to route it). */
function serviceAccountClient(token: string): string | undefined {
  try {
    const payload = decodeJwt(token);
    return typeof payload.azp === 'string' && payload.client_id === payload.azp ? payload.azp : undefined;
  } catch {
    return undefined;
  }
}

function isServiceAccountToken(payload: JWTPayload, clientId: string): boolean {
  const audiences = audiencesOf(payload);
  return payload.azp === clientId && payload.client_id === clientId && (audiences.length === 0 || audiences.includes(clientId));
}
