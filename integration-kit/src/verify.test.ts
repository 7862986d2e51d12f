import { exportJWK, generateKeyPair, createLocalJWKSet, SignJWT, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier } from './verify.js';

/** R29: the token checks of @procura/express-kit, against a local JWKS (jose makes the keys). */

const issuer = 'https://keycloak.example/realms/procura';
const audience = 'svc-employer-inbox';
const realmKey = await generateKeyPair('RS256');
const otherKey = await generateKeyPair('RS256');
const jwk: JWK = { ...(await exportJWK(realmKey.publicKey)), kid: 'realm', alg: 'RS256', use: 'sig' };
const keys = createLocalJWKSet({ keys: [jwk] });
const verify = createTokenVerifier({ issuer, audience, keys });

const claims = { typ: 'Bearer', azp: audience, organizations: { CHE123456788: { rights: ['read'] } }, organizations_complete: true };

function token(
  overrides: Record<string, unknown> = {},
  options: { key?: (typeof realmKey)['privateKey']; expiresIn?: string | number; issuer?: string; audience?: string } = {},
) {
  return new SignJWT({ ...claims, ...overrides })
    .setProtectedHeader({ alg: 'RS256', kid: 'realm', typ: 'JWT' })
    .setSubject('9d4f1c2e-0000-4000-8000-000000000001')
    .setIssuer(options.issuer ?? issuer)
    .setAudience(options.audience ?? audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(options.key ?? realmKey.privateKey);
}

const refusedWith = async (jwt: string) =>
  verify(jwt).then(
    () => 'accepted',
    (error: { code: string }) => error.code,
  );
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('R29: the kit verifies access tokens (local JWKS)', () => {
  it('accepts a token of the realm for this service and reads what it says', async () => {
    const access = await verify(await token());
    expect(access.subject).toBe('9d4f1c2e-0000-4000-8000-000000000001');
    expect(access.can('CHE123456788', 'read')).toBe(true);
  });

  it('refuses an expired token, another audience, another issuer', async () => {
    expect(await refusedWith(await token({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 }))).toBe('token.expired');
    expect(await refusedWith(await token({}, { audience: 'svc-contributions' }))).toBe('token.wrong_audience');
    expect(await refusedWith(await token({}, { issuer: 'https://keycloak.example/realms/other' }))).toBe('token.wrong_issuer');
  });

  it('refuses a tampered token, one signed by another key, and an ID token', async () => {
    const [header, , signature] = (await token()).split('.');
    const forged = `${header}.${b64({ ...claims, sub: 'x', iss: issuer, aud: audience, exp: 9_999_999_999, organizations: { CHE999999996: { rights: ['read'] } } })}.${signature}`;
    expect(await refusedWith(forged)).toBe('token.bad_signature');
    expect(await refusedWith(await token({}, { key: otherKey.privateKey }))).toBe('token.bad_signature');
    expect(await refusedWith(await token({ typ: 'ID' }))).toBe('token.not_access_token');
  });

  it("refuses alg none and HS256 (also HMAC keyed with the realm's public key)", async () => {
    const payload = { ...claims, sub: 'x', iss: issuer, aud: audience, exp: Math.floor(Date.now() / 1000) + 300 };
    expect(await refusedWith(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`)).toBe('token.algorithm_refused');
    const publicPem = new TextEncoder().encode(JSON.stringify(jwk));
    const hs = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: 'realm' }).sign(publicPem);
    expect(await refusedWith(hs)).toBe('token.algorithm_refused');
  });

  it('refuses a token whose organizations claim does not match its schema', async () => {
    expect(await refusedWith(await token({ organizations: { 'not-an-id': { rights: ['read'] } } }))).toBe('token.malformed');
    expect(await refusedWith(await token({ organizations_complete: undefined }))).toBe('token.malformed');
  });
});
