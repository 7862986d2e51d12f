/**
 * Issue 14 item 2 (RFC 9700 §2.4, §2.1.2): no client of the realm hands out a token for a password
 * alone (the resource owner password grant skips the second factor and never tells the person), nor
 * through the implicit flow. Every client of the imported realm is asked, as listed by Keycloak,
 * so that a client added later (by the realm file, by Keycloak, by the projection) is covered too.
 */
import { describe, expect, it } from 'vitest';
import { adminCall } from '../helpers/keycloak-user.js';
import { createTestPerson } from '../helpers/people.js';
import { stack } from '../helpers/stack.js';

interface ClientRepresentation {
  readonly id: string;
  readonly clientId: string;
  readonly publicClient?: boolean;
  readonly bearerOnly?: boolean;
  readonly redirectUris?: string[];
  readonly directAccessGrantsEnabled?: boolean;
  readonly implicitFlowEnabled?: boolean;
}

async function realmClients(): Promise<ClientRepresentation[]> {
  return (await (await adminCall('/clients?max=1000')).json()) as ClientRepresentation[];
}

async function secretOf(client: ClientRepresentation): Promise<string | undefined> {
  if (client.publicClient || client.bearerOnly) return undefined;
  const answer = (await (await adminCall(`/clients/${client.id}/client-secret`)).json()) as { value?: string };
  return answer.value;
}

const realmUrl = (): string => `${stack().keycloak.url}/realms/${stack().keycloak.realm}/protocol/openid-connect`;

describe('issue 14 item 2: no password-only tokens', () => {
  it('every client of the realm refuses the password grant, even with the right password and the client secret', async () => {
    const person = await createTestPerson('password-grant');
    const clients = await realmClients();
    expect(clients.map((c) => c.clientId)).toEqual(expect.arrayContaining(['admin-cli', 'account', 'procura-console', 'procura-sync']));
    const answered: string[] = [];
    for (const client of clients) {
      const secret = await secretOf(client);
      const response = await fetch(`${realmUrl()}/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: client.clientId,
          username: person.email,
          password: person.password,
          scope: 'openid',
          ...(secret ? { client_secret: secret } : {}),
        }),
      });
      const body = (await response.json()) as { access_token?: string };
      if (response.ok || body.access_token) answered.push(client.clientId);
    }
    expect(answered).toEqual([]);
  });

  it('no client of the realm has the password grant or the implicit flow switched on', async () => {
    const open = (await realmClients()).filter((c) => c.directAccessGrantsEnabled || c.implicitFlowEnabled).map((c) => c.clientId);
    expect(open).toEqual([]);
  });

  it('an implicit authorization request (a token in the redirect) is refused by every client that has a redirect address', async () => {
    const answered: string[] = [];
    for (const client of await realmClients()) {
      const redirect = client.redirectUris?.find((uri) => uri.startsWith('http'))?.replace(/\*$/, 'callback');
      if (!redirect) continue;
      const url = new URL(`${realmUrl()}/auth`);
      url.search = new URLSearchParams({
        client_id: client.clientId,
        response_type: 'token',
        redirect_uri: redirect,
        scope: 'openid',
        nonce: 'n',
        state: 's',
      }).toString();
      const response = await fetch(url, { redirect: 'manual' });
      const page = await response.text();
      // Allowed, Keycloak shows its login form; refused, it says so on its error page or in the redirect's error.
      if (response.status === 200 && page.includes('kc-form-login')) answered.push(client.clientId);
    }
    expect(answered).toEqual([]);
  });
});
