import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { linkIn, waitForMail } from '../helpers/mail.js';
import { subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/**
 * Issue 6's headline, in ONE test through the real stack in Debian's Chromium: a manager logs in to
 * the console with the e-mailed code (R2) → invites a colleague through the invite form (R16) → the
 * colleague opens the link from the SMTP sink in a second browser context and sets a password →
 * the manager grants the colleague a right in the member detail (R13, R15) → after the projection,
 * the colleague's freshly issued token for that service carries the right.
 */
describe('console: the headline, from the invitation to the right in a token', () => {
  let page: Page;
  let organization: TestOrganization;
  let lea: Awaited<ReturnType<typeof createTestMember>>;
  const colleague = uniqueEmail('nina');
  const password = 'Nina-Headline-2026!';

  const ui = consolePage(async () => {
    organization = await createTestOrganization({ legalName: 'Horlogerie Headline SA' });
    lea = await createTestMember(organization.id, 'legal_representative', 'lea');
    await subscribe(organization.id, 'employer-inbox');
  });
  beforeAll(() => void (page = ui.page));

  it("R2, R16, R15: log in → invite → the colleague activates → a right granted → the colleague's token shows it", async () => {
    // The manager logs in with the e-mailed code and invites through the console's form.
    await logInThroughConsole(page, lea);
    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.getByRole('heading', { name: 'Inviter une personne' }).waitFor();
    await page.getByRole('textbox', { name: 'E-mail' }).fill(colleague);
    await page.getByRole('textbox', { name: 'Prénom' }).fill('Nina');
    await page.getByRole('textbox', { name: 'Nom de famille' }).fill('Keller');
    await page.getByRole('button', { name: "Envoyer l'invitation", exact: true }).click();
    await page.getByText(colleague, { exact: true }).waitFor();

    // The colleague, in a browser context of their own, opens the e-mailed link and sets a password.
    const mail = await waitForMail(colleague, { subject: /^Invitation à rejoindre Horlogerie Headline SA/ });
    const theirs = await page.context().browser()!.newContext({ locale: 'fr-CH' });
    try {
      const tab = await theirs.newPage();
      await tab.goto(linkIn(mail, `${stack().publicUrl}/invitation#token=`));
      await tab.getByRole('heading', { name: 'Rejoindre Horlogerie Headline SA' }).waitFor();
      await tab.getByLabel('Mot de passe', { exact: true }).fill(password);
      await tab.getByLabel('Répétez le mot de passe').fill(password);
      await tab.getByRole('button', { name: 'Activer mon compte' }).click();
      await tab.getByRole('heading', { name: 'Votre compte est activé' }).waitFor();
    } finally {
      await theirs.close();
    }

    // Before any right, the colleague's token for the service carries none.
    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
    type Claims = { organizations?: Record<string, { rights?: string[] }> };
    const before = decodePayload(await serviceLogin(stack(), 'employer-inbox', { email: colleague, password })) as Claims;
    expect(before.organizations?.[organization.identifier]?.rights ?? []).toEqual([]);

    // The manager finds the colleague, now active, in the members list and grants a right.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Utilisateurs' }).click();
    await page.getByRole('link', { name: 'Keller Nina' }).click();
    await page.getByRole('heading', { name: 'Nina Keller', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Service' }).selectOption('employer-inbox');
    await page.getByRole('combobox', { name: 'Droit' }).selectOption('read');
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await page.getByRole('button', { name: /Retirer le droit Vos courriers — Lire les courriers/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The projection, then a fresh token: the right is in it.
    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
    const after = decodePayload(await serviceLogin(stack(), 'employer-inbox', { email: colleague, password })) as Claims;
    expect(after.organizations?.[organization.identifier]?.rights).toEqual(['read']);
  }, 240_000);
});
