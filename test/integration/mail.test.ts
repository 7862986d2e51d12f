import { describe, expect, it } from 'vitest';
import { masterAdminToken } from '../harness/realm-import.js';
import { linkIn, waitForMail } from '../helpers/mail.js';
import { createTestPerson } from '../helpers/people.js';
import { stack } from '../helpers/stack.js';

describe('e-mail through the real SMTP sink', () => {
  it('R3: Keycloak sends the password reset link in French, and the link opens the realm', async () => {
    const person = await createTestPerson('reset');
    const { keycloak } = stack();
    const token = await masterAdminToken(keycloak);
    const sent = await fetch(`${keycloak.url}/admin/realms/${keycloak.realm}/users/${person.keycloakId}/execute-actions-email`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(['UPDATE_PASSWORD']),
    });
    expect(sent.status).toBe(204);
    const mail = await waitForMail(person.email);
    expect(mail.subject).toMatch(/Procura/);
    const link = linkIn(mail, `${keycloak.url}/realms/${keycloak.realm}/login-actions/action-token`);
    const page = await fetch(link);
    expect(page.status).toBe(200);
  });
});
