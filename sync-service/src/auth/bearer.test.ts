import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessTokenVerifier, type AccessTokenVerifier } from './bearer.js';

const issuer = 'http://localhost:8080/realms/procura';
let verify: AccessTokenVerifier;
let sign: (claims: JWTPayload, options?: { expiresIn?: string; issuer?: string }) => Promise<string>;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  verify = accessTokenVerifier({ issuer, audiences: ['procura-console'], keys: createLocalJWKSet({ keys: [jwk] }) });
  sign = (claims, options = {}) =>
    new SignJWT({ typ: 'Bearer', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(options.issuer ?? issuer)
      .setSubject('kc-user-1')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(privateKey);
});

const refused = (token: Promise<string>) => expect(token.then((t) => verify(t))).rejects.toMatchObject({ code: 'auth.invalid_token', status: 401 });

describe('bearer access tokens of the realm (jose, local JWKS)', () => {
  it('a token for the console (aud, or azp when Keycloak maps no audience) gives its subject', async () => {
    expect(await verify(await sign({ aud: 'procura-console' }))).toEqual({ subject: 'kc-user-1', operator: false });
    expect(await verify(await sign({ azp: 'procura-console' }))).toEqual({ subject: 'kc-user-1', operator: false });
  });

  it("R31: the realm role procura-operator in the token makes its holder the operator's staff; another role does not", async () => {
    expect(await verify(await sign({ aud: 'procura-console', realm_access: { roles: ['procura-operator'] }, amr: ['pwd', 'otp'] }))).toEqual({
      subject: 'kc-user-1',
      operator: true,
    });
    expect(await verify(await sign({ aud: 'procura-console', realm_access: { roles: ['procura-operator'] }, amr: ['pwd', 'hwk'] }))).toEqual({
      subject: 'kc-user-1',
      operator: true,
    });
    expect(await verify(await sign({ aud: 'procura-console', realm_access: { roles: ['offline_access'] } }))).toEqual({
      subject: 'kc-user-1',
      operator: false,
    });
    expect(await verify(await sign({ aud: 'procura-console', realm_access: 'procura-operator' }))).toEqual({ subject: 'kc-user-1', operator: false });
  });

  it('R31, issue 14 item 1: the role counts only after an authenticator app or a passkey; a code by e-mail, or no amr, opens no back office', async () => {
    const operatorRole = { aud: 'procura-console', realm_access: { roles: ['procura-operator'] } };
    expect(await verify(await sign({ ...operatorRole, amr: ['pwd', 'code'] }))).toEqual({ subject: 'kc-user-1', operator: false });
    expect(await verify(await sign({ ...operatorRole, amr: ['pwd'] }))).toEqual({ subject: 'kc-user-1', operator: false });
    expect(await verify(await sign(operatorRole))).toEqual({ subject: 'kc-user-1', operator: false });
    expect(await verify(await sign({ ...operatorRole, amr: 'otp' }))).toEqual({ subject: 'kc-user-1', operator: false });
  });

  it('a token for another client is refused, even when it was issued through the console', async () => {
    await refused(sign({ aud: 'svc-employer-inbox', azp: 'svc-employer-inbox' }));
    await refused(sign({ aud: ['account'], azp: 'procura-console' }));
  });

  it('expired, another issuer, an ID token, a tampered signature, or HMAC / none: refused', async () => {
    await refused(sign({ aud: 'procura-console' }, { expiresIn: '-1m' }));
    await refused(sign({ aud: 'procura-console' }, { issuer: 'http://localhost:8080/realms/other' }));
    await refused(sign({ aud: 'procura-console', typ: 'ID' }));
    const good = await sign({ aud: 'procura-console' });
    const [header, payload] = good.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'kc-admin' })).toString('base64url');
    await refused(Promise.resolve(`${header}.${forged}.${good.split('.')[2]}`));
    const hmac = await new SignJWT({ typ: 'Bearer', aud: 'procura-console' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(issuer)
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(new Uint8Array(32));
    await refused(Promise.resolve(hmac));
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    await refused(Promise.resolve(none));
  });
});
