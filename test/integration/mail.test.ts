import { describe, expect, it } from 'vitest';
import { masterAdminToken } from '../harness/realm-import.js';
import { linkIn, waitForMail } from '../helpers/mail.js';
import { adminCall, updateKeycloakUser } from '../helpers/keycloak-user.js';
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

  it('R16, R2: the account e-mail of a person whose language is English lists the steps in English, the mobile number marked optional', async () => {
    const person = await createTestPerson('activation-en');
    await updateKeycloakUser(person.keycloakId, (user) => ({ attributes: { ...user.attributes, locale: ['en'] } }));
    await adminCall(`/users/${person.keycloakId}/execute-actions-email`, { method: 'PUT', body: ['UPDATE_PASSWORD', 'procura-mobile-number'] });
    const mail = await waitForMail(person.email);
    expect(mail.subject).toBe('Procura – complete your account setup');
    expect(mail.text.trimStart()).toMatch(/^Hello,/);
    expect(mail.text).toContain('one more step: choose your password, add a mobile number (optional)');
    expect(mail.html).toContain('<html lang="en"');
    expect(mail.html).toContain('Automatic message from Procura');
  });
});
