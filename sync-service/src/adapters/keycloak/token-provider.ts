import { createHash, createPrivateKey, createPublicKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { KeycloakUnavailable } from '../../errors.js';

/**
 * How the sync-service's client authenticates to Keycloak's token endpoint: its shared secret
 * (`client_secret_post`), or a JWT it signs with its private key (`private_key_jwt`, RFC 7523;
 * issue 14 item 6), of which Keycloak holds only the public key: nothing that opens the service
 * account is stored on Keycloak's side nor travels.
 */
export type ClientAuth = { readonly secret: string } | { readonly privateKeyPem: string };

/** A private key ready to sign assertions: RSA (RS256) or EC P-256 (ES256), with Keycloak's key id. */
export interface AssertionKey {
  readonly key: KeyObject;
  readonly alg: 'RS256' | 'ES256';
  /** What Keycloak names an imported public key: base64url of the SHA-256 of its SubjectPublicKeyInfo. */
  readonly kid: string;
}

/** Reads the PEM private key; throws a message naming what is wrong with it. */
export function assertionKey(privateKeyPem: string): AssertionKey {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (error) {
    throw new Error(`the client's private key is not a PEM private key (${(error as Error).message})`);
  }
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (type === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new Error("the client's RSA key must have 2048 bits at least");
  if (type !== 'rsa' && !(type === 'ec' && curve === 'prime256v1'))
    throw new Error(`the client's private key must be RSA or EC P-256 (got ${type}${curve ? ` ${curve}` : ''})`);
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return { key, alg: type === 'rsa' ? 'RS256' : 'ES256', kid: createHash('sha256').update(spki).digest('base64url') };
}

/**
 * A client assertion (RFC 7523 section 3): issued by and about the client, for Keycloak's token
 * endpoint, valid one minute, with a fresh `jti` (Keycloak refuses one it has seen).
 */
export function clientAssertion(signer: AssertionKey, clientId: string, tokenEndpoint: string, now = Date.now()): string {
  const seconds = Math.floor(now / 1000);
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: signer.alg, typ: 'JWT', kid: signer.kid })}.${part({ iss: clientId, sub: clientId, aud: tokenEndpoint, jti: randomUUID(), iat: seconds, exp: seconds + 60 })}`;
  const signature = sign('sha256', Buffer.from(input), signer.alg === 'ES256' ? { key: signer.key, dsaEncoding: 'ieee-p1363' } : signer.key);
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * Access tokens of the sync-service's service account (client credentials grant), cached and
 * renewed 30 s before they expire, so that long runs never call the admin API with a stale token.
 */
export function clientCredentialsTokens(options: { url: string; realm: string; clientId: string; auth: ClientAuth }): () => Promise<string> {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const endpoint = `${options.url}/realms/${encodeURIComponent(options.realm)}/protocol/openid-connect/token`;
  const signer = 'privateKeyPem' in options.auth ? assertionKey(options.auth.privateKeyPem) : undefined;
  const credentials = (): Record<string, string> =>
    signer
      ? {
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: clientAssertion(signer, options.clientId, endpoint),
        }
      : { client_secret: (options.auth as { secret: string }).secret };
  const fetchToken = async (): Promise<string> => {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, ...credentials() }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new KeycloakUnavailable('token endpoint', error);
    }
    if (!response.ok) throw new KeycloakUnavailable(`token endpoint answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    cached = { token: body.access_token, renewAt: Date.now() + (body.expires_in - 30) * 1000 };
    return body.access_token;
  };
  return async () => {
    if (cached && Date.now() < cached.renewAt) return cached.token;
    pending ??= fetchToken().finally(() => (pending = undefined));
    return pending;
  };
}
