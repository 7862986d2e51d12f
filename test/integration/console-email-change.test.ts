import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { bearerOf, callApi } from '../helpers/api.js';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { linkIn, waitForLoginCode, waitForMail } from '../helpers/mail.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';

type TestMember = Awaited<ReturnType<typeof createTestMember>>;
import { database, stack } from '../helpers/stack.js';

/**
 * Issue 14 item 7 in a real Chromium: a person whose sign-in is old types the new address, is asked
 * to sign in again, and comes back to the form with the address still there; the link sent to the
 * old address cancels the change.
 */

/** The session as if signed in ten minutes ago: the stored ID token's `auth_time` moved back (the console reads it from there). */
async function ageSessionsOf(person: TestMember): Promise<void> {
  const { rows } = await database().query<{ id_hash: string; id_token: string }>('SELECT id_hash, id_token FROM console_session WHERE person_id = $1', [
    person.personId,
  ]);
  for (const { id_hash: idHash, id_token: idToken } of rows) {
    const [header, , signature] = idToken.split('.');
    const payload = { ...decodeJwt(idToken), auth_time: Math.floor(Date.now() / 1000) - 600 };
    const aged = `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
    await database().query('UPDATE console_session SET id_token = $2 WHERE id_hash = $1', [idHash, aged]);
  }
}

describe('console: changing the login e-mail after an old sign-in, and cancelling from the old address', () => {
  let organization: TestOrganization;
  let lea: TestMember;
  const view = consolePage(async () => {
    organization = await createTestOrganization({ legalName: 'Adresses Console SA' });
    lea = await createTestMember(organization.id, 'member', 'lea');
  });

  it('asks to sign in again (password and code), then sends the link with the address typed before', async () => {
    const { page } = view;
    await logInThroughConsole(page, lea);
    await ageSessionsOf(lea);
    await page.goto(`${stack().publicUrl}/#/me/profile`);
    const wanted = uniqueEmail('lea-new');
    await page.getByRole('textbox', { name: 'Nouvelle adresse' }).fill(wanted);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    const refusal = page.locator('#email-error');
    await refusal.filter({ hasText: 'reconnectez-vous' }).waitFor();
    expect(await database().query('SELECT 1 FROM email_change WHERE person_id = $1', [lea.personId])).toMatchObject({ rowCount: 0 });
    expect(await seriousViolations(page)).toEqual([]);

    await refusal.getByRole('link', { name: 'Se reconnecter' }).click();
    // Keycloak asks for the password again although its own session is alive (prompt=login), then the code.
    await page.locator('#password').waitFor();
    if ((await page.locator('#username').count()) > 0 && (await page.locator('#username').isEditable())) await page.locator('#username').fill(lea.email);
    await page.locator('#password').fill(lea.password);
    await page.locator('#kc-login').click();
    await page.locator('#procura-code-form').waitFor();
    const reference = (await page.locator('#procura-code-reference [data-reference]').getAttribute('data-reference')) ?? '';
    await page.locator('input[name="code"]').fill(await waitForLoginCode(lea.email, reference));
    await page.locator('#procura-code-submit').click();

    await page.getByRole('heading', { name: 'Mon profil', level: 1 }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Nouvelle adresse' }).inputValue()).toBe(wanted);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `En attente de confirmation : ${wanted}` })
      .waitFor();
    await waitForMail(wanted, { subject: /^Confirmez votre nouvelle adresse/ });
  });

  it('the link sent to the old address cancels the change, and says the login e-mail stays', async () => {
    const { page } = view;
    const marc = await createTestMember(organization.id, 'member', 'marc');
    expect((await callApi(await bearerOf(marc), 'post', '/me/email-change', { email: uniqueEmail('marc-new') })).status).toBe(201);
    const { publicUrl } = stack();
    const link = linkIn(
      await waitForMail(marc.email, { subject: /^Demande de changement de votre adresse de connexion/ }),
      `${publicUrl}/email-change#cancel=`,
    );
    await page.goto(link);
    await page.getByRole('heading', { name: "Annuler le changement d'adresse", level: 1 }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: `Demande annulée : vous vous connectez toujours avec ${marc.email}.` })
      .waitFor();
    expect(page.url()).toBe(`${publicUrl}/email-change`); // the token leaves the address bar
    expect((await callApi(await bearerOf(marc), 'get', '/me/profile')).body).toMatchObject({ email: marc.email, pendingEmail: null });
    expect(await seriousViolations(page)).toEqual([]);
  });
});
