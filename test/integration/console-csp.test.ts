import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bearerOf, callApi } from '../helpers/api.js';
import { consolePage, logInThroughConsole, recordCspBreaches, seriousViolations, type CspBreach } from '../helpers/browser.js';
import { linkIn, waitForMail } from '../helpers/mail.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { stack } from '../helpers/stack.js';

/**
 * Decision 0026: the console works under its Content-Security-Policy, in Debian's Chromium against
 * the real stack: the invitation page of an e-mailed link (R16), then the console signed in
 * (R2): a member's screen opened from the list, the language switched, and the sign-out, whose
 * form is redirected to Keycloak (form-action). Any `securitypolicyviolation` or CSP console error
 * fails the test; so does a Referer that carries a console address to Keycloak.
 */
describe('console: every page works under the Content-Security-Policy', () => {
  let page: Page;
  let breaches: CspBreach[];
  let organization: TestOrganization;
  let manager: Awaited<ReturnType<typeof createTestMember>>;
  let member: Awaited<ReturnType<typeof createTestMember>>;

  const ui = consolePage(async () => {
    organization = await createTestOrganization({ legalName: 'Politique Sûre SA' });
    manager = await createTestMember(organization.id, 'legal_representative', 'lea');
    member = await createTestMember(organization.id, 'member', 'jean');
  });
  beforeAll(async () => {
    page = ui.page;
    breaches = await recordCspBreaches(page);
  });

  it('R16: the invitation page of the e-mailed link shows its preview and form, nothing refused', async () => {
    const email = uniqueEmail('csp-invited');
    const invited = await callApi(await bearerOf(manager), 'post', `/organizations/${organization.id}/invitations`, { email, role: 'member' });
    expect(invited.status).toBe(201);
    const link = linkIn(await waitForMail(email, { subject: /^Invitation à rejoindre Politique Sûre SA/ }), `${stack().publicUrl}/invitation#token=`);

    const answer = await page.goto(link);
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: 'Rejoindre Politique Sûre SA' }).waitFor();
    await page.getByLabel('Mot de passe', { exact: true }).fill('court');
    await page.getByLabel('Répétez le mot de passe').fill('autre');
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.locator('#repeat-error').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(breaches).toEqual([]);
  }, 120_000);

  it('R2: signed in, a member from the list, English, then signed out through Keycloak, nothing refused', async () => {
    // Referrer-Policy: no address of the console reaches Keycloak (another origin) in a Referer.
    const referrersToKeycloak: string[] = [];
    page.on('request', (request) => {
      const referrer = request.headers()['referer'];
      if (request.url().startsWith(stack().keycloak.url) && referrer?.startsWith(stack().publicUrl)) referrersToKeycloak.push(referrer);
    });
    await logInThroughConsole(page, manager);
    await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
    await page.getByRole('link', { name: `${member.familyName} ${member.givenName}` }).click();
    await page.getByRole('heading', { name: `${member.givenName} ${member.familyName}` }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Français' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    // A refused redirect leaves the page where it was: say what the browser refused, not just "timeout".
    await page.waitForURL(`${stack().publicUrl}/`, { timeout: 15_000 }).catch(() => undefined);
    expect(breaches).toEqual([]);
    await page.getByRole('link', { name: /Sign in|Se connecter/ }).waitFor();
    expect(referrersToKeycloak).toEqual([]);
  }, 120_000);
});
