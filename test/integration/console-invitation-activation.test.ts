import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addMember } from '@procura/sync-service/members/commands';
import { setMailSecurityKey } from '@procura/sync-service/organizations/mail-security-key';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi } from '../helpers/api.js';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { linkIn, waitForMail } from '../helpers/mail.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { database, stack } from '../helpers/stack.js';

/**
 * R16 end to end in Debian's Chromium against the real stack, at a phone's width: a manager invites
 * through the API → the link is read from the SMTP sink → the person opens it, sets a password →
 * logs in to the console with the e-mailed code → sees the organization. A person with an account
 * signs in with it before joining (R20). axe-core on each page.
 */
describe('console: a person activates their invitation from the e-mail, then logs in', () => {
  let page: Page;
  let organization: TestOrganization;
  let manager: Awaited<ReturnType<typeof createTestMember>>;
  const email = uniqueEmail('nina');
  const password = 'Nina-Activation-2026!';

  const ui = consolePage(async () => {
    organization = await createTestOrganization({ legalName: 'Activation Léman SA' });
    manager = await createTestMember(organization.id, 'manager', 'lea');
  });
  beforeAll(() => void (page = ui.page));

  it('R16: invited through the API, activated from the e-mailed link with a password, then in the console', async () => {
    const invited = await callApi(await bearerOf(manager), 'post', `/organizations/${organization.id}/invitations`, {
      email,
      givenName: 'Nina',
      familyName: 'Keller',
      role: 'member',
    });
    expect(invited.status).toBe(201);
    const mail = await waitForMail(email, { subject: /^Invitation à rejoindre Activation Léman SA/ });
    const link = linkIn(mail, `${stack().publicUrl}/invitation#token=`);

    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(link);
    await page.getByRole('heading', { name: 'Rejoindre Activation Léman SA' }).waitFor();
    expect(page.url()).toBe(`${stack().publicUrl}/invitation`);
    await page.getByText(email, { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The realm's password policy, as the API answers it, beside the field (R16).
    await page.getByLabel('Mot de passe', { exact: true }).fill('court');
    await page.getByLabel('Répétez le mot de passe').fill('court');
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.locator('#password-error').filter({ hasText: 'ne respecte pas les règles' }).waitFor();

    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByLabel('Répétez le mot de passe').fill(password);
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.getByRole('heading', { name: 'Votre compte est activé' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const { rows } = await database().query(
      `SELECT m.status FROM membership m JOIN person p ON p.id = m.person_id WHERE p.email = $1 AND m.organization_id = $2`,
      [email, organization.id],
    );
    expect(rows).toEqual([{ status: 'active' }]);

    await logInThroughConsole(page, { email, password }, true);
    await page.getByText('Activation Léman SA').first().waitFor();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);

  it('R17: the same link, used once, now says the invitation was accepted and offers to sign in', async () => {
    const [mail] = [await waitForMail(email, { subject: /^Invitation à rejoindre/ })];
    await page.goto(linkIn(mail, `${stack().publicUrl}/invitation#token=`));
    await page.getByRole('heading', { name: 'Invitation déjà acceptée' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('R20, R16 (Geneva): a person with an account consents to join; the mail security key and secret answer are asked, a wrong key refused beside it', async () => {
    const geneva = await createTestOrganization({ legalName: 'Fiduciaire Genève SA' });
    const head = await createTestMember(geneva.id, 'manager', 'head');
    await setMailSecurityKey(database(), testActor, { organizationId: geneva.id, key: 'GE-COURRIER-2026' });
    const invited = await callApi(await bearerOf(head), 'post', `/organizations/${geneva.id}/invitations`, {
      email,
      role: 'observer',
      secretQuestion: 'Quelle montagne voyez-vous ?',
      secretAnswer: 'Salève',
    });
    expect(invited.status).toBe(201);
    const mail = await waitForMail(email, { subject: /^Invitation à rejoindre Fiduciaire Genève SA/ });
    // Signed out (another browser, say): the link alone does not join the account (issue 14 item 8).
    await page.context().clearCookies();
    await page.goto(linkIn(mail, `${stack().publicUrl}/invitation#token=`));
    await page.getByRole('heading', { name: 'Rejoindre avec mon compte' }).waitFor();
    expect(await page.getByRole('checkbox', { name: /J'accepte/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    // The account's own sign-in, password and code, comes back to the invitation, which goes on.
    await logInThroughConsole(page, { email, password }, true);
    expect(new URL(page.url()).pathname).toBe('/invitation');
    expect(await page.getByLabel('Mot de passe', { exact: true }).count()).toBe(0);
    await page.getByRole('checkbox', { name: /J'accepte d'ajouter Fiduciaire Genève SA à mon compte existant/ }).check();
    await page.getByLabel('Clé de sécurité courrier').fill('GE-FAUX-2026');
    // Issue 16 item 3: the question the manager chose is shown with the answer's field, never the answer.
    await page.getByText('Question : Quelle montagne voyez-vous ? Votre gestionnaire vous a communiqué la réponse.').waitFor();
    await page.getByLabel('Réponse secrète').fill('Salève');
    await page.getByRole('button', { name: "Rejoindre l'organisation" }).click();
    await page.locator('#mailSecurityKey-error').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Clé de sécurité courrier').fill('GE-COURRIER-2026');
    await page.getByRole('button', { name: "Rejoindre l'organisation" }).click();
    await page.getByRole('heading', { name: 'Fiduciaire Genève SA est ajoutée à votre compte' }).waitFor();
    const { rows } = await database().query(
      `SELECT m.status FROM membership m JOIN person p ON p.id = m.person_id WHERE p.email = $1 AND m.organization_id = $2`,
      [email, geneva.id],
    );
    expect(rows).toEqual([{ status: 'active' }]);
  }, 90_000);

  it('R16 (Geneva): invited to two organizations that each have a mail security key, the page asks both by name and says which one is wrong', async () => {
    const rhone = await createTestOrganization({ legalName: 'Rhône Clé SA' });
    const arve = await createTestOrganization({ legalName: 'Arve Clé SA' });
    const head = await createTestMember(rhone.id, 'manager', 'two-keys-head');
    await addMember(database(), testActor, { organizationId: arve.id, email: head.email, role: 'manager', status: 'active' });
    await setMailSecurityKey(database(), testActor, { organizationId: rhone.id, key: 'RHONE-COURRIER-26' });
    await setMailSecurityKey(database(), testActor, { organizationId: arve.id, key: 'ARVE-COURRIER-26' });
    const newcomer = uniqueEmail('two-keys');
    const invited = await callApi(await bearerOf(head), 'post', `/organizations/${rhone.id}/invitations`, {
      email: newcomer,
      givenName: 'Lou',
      familyName: 'Rochat',
      role: 'member',
      organizations: [{ organizationId: arve.id, role: 'member' }],
    });
    expect(invited.status).toBe(201);
    const mail = await waitForMail(newcomer, { subject: /^Invitation à rejoindre Rhône Clé SA, Arve Clé SA/ });
    await page.context().clearCookies();
    await page.goto(linkIn(mail, `${stack().publicUrl}/invitation#token=`));
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByLabel('Répétez le mot de passe').fill(password);
    await page.getByLabel('Clé de sécurité courrier de Rhône Clé SA').fill('RHONE-COURRIER-26');
    await page.getByLabel('Clé de sécurité courrier de Arve Clé SA').fill('RHONE-COURRIER-26');
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.locator('#mailSecurityKey-1-error').filter({ hasText: 'ne correspond pas' }).waitFor();
    expect(await page.locator('#mailSecurityKey-error').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Clé de sécurité courrier de Arve Clé SA').fill('ARVE-COURRIER-26');
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.getByRole('heading', { name: 'Votre compte est activé' }).waitFor();
    const { rows } = await database().query(
      `SELECT m.organization_id FROM membership m JOIN person p ON p.id = m.person_id WHERE p.email = $1 AND m.status = 'active' ORDER BY m.organization_id = $2 DESC`,
      [newcomer, rhone.id],
    );
    expect(rows).toEqual([{ organization_id: rhone.id }, { organization_id: arve.id }]);
  }, 90_000);
});
