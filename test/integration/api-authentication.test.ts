import { describe, expect, it } from 'vitest';
import { bearerOf, callApi } from '../helpers/api.js';
import { loginToConsole } from '../helpers/console-session.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';
import { subscribe } from '../helpers/model.js';

describe('API callers: a bearer token of the realm or the console session, one principal', () => {
  it('a real access token of the console client reads the API as its person', async () => {
    const organization = await createTestOrganization();
    const manager = await createTestMember(organization.id, 'manager');
    const caller = await bearerOf(manager);
    // Keycloak maps no audience for the console's client: the token names it as its authorized party.
    expect(decodePayload(caller.bearer)).toMatchObject({ azp: 'procura-console', typ: 'Bearer' });
    const me = await callApi(caller, 'get', '/me');
    expect(me.status).toBe(200);
    expect(me.body.person.id).toBe(manager.personId);
    expect((await callApi(caller, 'get', `/organizations/${organization.id}`)).body.legalName).toBe(organization.legalName);
  });

  it('the console session reaches the same principal, and writes with it', async () => {
    const organization = await createTestOrganization();
    const manager = await createTestMember(organization.id, 'legal_representative');
    const session = { session: await loginToConsole(manager) };
    expect((await callApi(session, 'get', '/me')).body.person.id).toBe(manager.personId);
    const renamed = await callApi(session, 'patch', `/organizations/${organization.id}`, { legalName: 'Renommée SA' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.legalName).toBe('Renommée SA');
  });

  it('anonymous, a tampered signature, a token for another audience, garbage: 401 problem+json', async () => {
    const organization = await createTestOrganization();
    await subscribe(organization.id, 'employer-inbox');
    const manager = await createTestMember(organization.id, 'manager');
    const path = `/organizations/${organization.id}`;
    const anonymous = await callApi('anonymous', 'get', path);
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'auth.required', messages: { fr: expect.any(String), en: expect.any(String) } } });

    const { bearer } = await bearerOf(manager);
    const [header, payload, signature] = bearer.split('.');
    const flipped = `${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await callApi({ bearer: `${header}.${payload}.${flipped}` }, 'get', path)).body.code).toBe('auth.invalid_token');

    const otherAudience = await serviceLogin(stack(), 'employer-inbox', manager);
    const refused = await callApi({ bearer: otherAudience }, 'get', path);
    expect(refused).toMatchObject({ status: 401, body: { code: 'auth.invalid_token' } });
    expect((await callApi({ bearer: 'not-a-token' }, 'get', path)).status).toBe(401);
  });
});
