import { describe, expect, it } from 'vitest';
import { createTestPerson } from '../helpers/people.js';
import { stack } from '../helpers/stack.js';
import { loginWithPassword } from '../helpers/tokens.js';

describe('login through the real Keycloak', () => {
  it('logs a person in with the authorization code flow and PKCE, and the token names them', async () => {
    const person = await createTestPerson('login');
    const { keycloak, clients } = stack();
    const result = await loginWithPassword(person);
    expect(result.claims.iss).toBe(`${keycloak.url}/realms/${keycloak.realm}`);
    expect(result.claims.azp).toBe(clients.console.clientId);
    expect(result.claims.sub).toBe(person.keycloakId);
    expect(result.claims.email).toBe(person.email);
    expect(result.idClaims?.aud).toBe(clients.console.clientId);
    const lifetime = (result.claims.exp as number) - (result.claims.iat as number);
    expect(lifetime).toBeLessThanOrEqual(300);
  });

  it('refuses a wrong password and says so on the login page', async () => {
    const person = await createTestPerson('wrong-password');
    await expect(loginWithPassword({ email: person.email, password: `${person.password}x` })).rejects.toThrow(/login of .* did not come back/);
  });
});
