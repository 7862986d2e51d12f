import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadRealm } from '@procura/realm-config';
import { assertionKey, clientAssertion, createKeycloakAdmin } from '@procura/sync-service/keycloak';
import { adminCall, clientUuidAsAdmin, serviceAccountUserId } from '../helpers/keycloak-user.js';
import { stack } from '../helpers/stack.js';

/**
 * Issue 14 item 6: the sync-service's client authenticates with a JWT signed by its private key
 * (RFC 7523, `private_key_jwt`) instead of a shared secret. The client is the realm file's own
 * `procura-sync`, with the placeholders for a signed JWT filled in, imported under another client
 * id so that the run's sync-service keeps its own.
 */

const pem = (kind: 'rsa' | 'ec') => {
  const { privateKey, publicKey } = kind === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyBase64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
};

/** The realm file's sync client, for signed JWTs with `publicKeyBase64`, as `clientId`, with view-users. */
async function importJwtClient(clientId: string, publicKeyBase64: string): Promise<void> {
  const realm = loadRealm({
    PROCURA_PUBLIC_URL: 'http://localhost:3000',
    PROCURA_CONSOLE_CLIENT_SECRET: 'unused',
    PROCURA_SYNC_CLIENT_SECRET: randomBytes(24).toString('hex'),
    PROCURA_SYNC_CLIENT_AUTHENTICATOR: 'client-jwt',
    PROCURA_SYNC_CLIENT_PUBLIC_KEY: publicKeyBase64,
  }) as { clients: Array<Record<string, unknown>> };
  const sync = realm.clients.find((client) => client.clientId === 'procura-sync')!;
  expect(sync).toMatchObject({ clientAuthenticatorType: 'client-jwt', attributes: { 'jwt.credential.public.key': publicKeyBase64 } });
  await adminCall('/clients', { method: 'POST', body: { ...sync, clientId } });
  const account = await serviceAccountUserId(clientId);
  const realmManagement = await clientUuidAsAdmin('realm-management');
  const viewUsers = await (await adminCall(`/clients/${realmManagement}/roles/view-users`)).json();
  await adminCall(`/users/${account}/role-mappings/clients/${realmManagement}`, { method: 'POST', body: [viewUsers] });
}

async function tokenAnswer(clientId: string, credentials: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(tokenEndpoint(), {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, ...credentials }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const tokenEndpoint = (): string => `${stack().keycloak.url}/realms/${stack().keycloak.realm}/protocol/openid-connect/token`;
const jwtBearer = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('signed-JWT client authentication of the sync-service (issue 14 item 6)', () => {
  for (const kind of ['rsa', 'ec'] as const) {
    it(`${kind === 'rsa' ? 'RS256' : 'ES256'}: the sync-service gets its token with a signed JWT and works with it`, async () => {
      const clientId = `procura-sync-jwt-${kind}-${randomBytes(4).toString('hex')}`;
      const keys = pem(kind);
      await importJwtClient(clientId, keys.publicKeyBase64);
      const { keycloak } = stack();
      const admin = createKeycloakAdmin({ url: keycloak.url, realm: keycloak.realm, clientId, auth: { privateKeyPem: keys.privateKeyPem } });
      expect(await admin.clientUuid('svc-employer-inbox')).toBe(await clientUuidAsAdmin('svc-employer-inbox'));
    });
  }

  it('refuses an assertion signed by another key, a replayed one and a shared secret', async () => {
    const clientId = `procura-sync-jwt-refusals-${randomBytes(4).toString('hex')}`;
    const keys = pem('rsa');
    await importJwtClient(clientId, keys.publicKeyBase64);
    const stranger = assertionKey(pem('rsa').privateKeyPem);
    // Keycloak answers each with 400 invalid_client.
    expect(
      await tokenAnswer(clientId, { client_assertion_type: jwtBearer, client_assertion: clientAssertion(stranger, clientId, tokenEndpoint()) }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
    const assertion = clientAssertion(assertionKey(keys.privateKeyPem), clientId, tokenEndpoint());
    expect((await tokenAnswer(clientId, { client_assertion_type: jwtBearer, client_assertion: assertion })).status).toBe(200);
    expect(await tokenAnswer(clientId, { client_assertion_type: jwtBearer, client_assertion: assertion })).toMatchObject({
      status: 400,
      body: { error: 'invalid_client' },
    });
    const secret = (await (await adminCall(`/clients/${await clientUuidAsAdmin(clientId)}`)).json()) as { secret?: string };
    expect(await tokenAnswer(clientId, { client_secret: secret.secret ?? 'none' })).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
  });
});
