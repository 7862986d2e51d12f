import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { bearerOf, callApi } from '../helpers/api.js';
import { consolePage, seriousViolations } from '../helpers/browser.js';
import { keycloakUser } from '../helpers/keycloak-user.js';
import { linkIn, waitForLoginCode, waitForMail } from '../helpers/mail.js';
import { grant, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';

/**
 * Issue 16 item 3: an invitation may carry an e-mail only. The names are then asked at activation,
 * kept in the model, sent to Keycloak (whose user profile requires them, so it never asks at login),
 * and a later projection of the person keeps them. Debian's Chromium, Keycloak's real login pages.
 */
describe('invitation by e-mail only: the names given at activation stay', () => {
  let page: Page;
  let organization: TestOrganization;
  let manager: Awaited<ReturnType<typeof createTestMember>>;
  const email = uniqueEmail('zoe');
  const password = 'Zoe-Activation-2026!';

  const ui = consolePage(async () => {
    organization = await createTestOrganization({ legalName: 'Noms Riviera SA' });
    manager = await createTestMember(organization.id, 'manager', 'paul');
    await subscribe(organization.id, 'employer-inbox');
  });
  beforeAll(() => void (page = ui.page));

  it('names asked at activation when the invitation has none: Keycloak does not ask them at login, a projection keeps them', async () => {
    const invited = await callApi(await bearerOf(manager), 'post', `/organizations/${organization.id}/invitations`, { email, role: 'member' });
    expect(invited.status).toBe(201);
    const mail = await waitForMail(email, { subject: /^Invitation à rejoindre Noms Riviera SA/ });
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(linkIn(mail, `${stack().publicUrl}/invitation#token=`));
    await page.getByRole('heading', { name: 'Rejoindre Noms Riviera SA' }).waitFor();

    expect(await seriousViolations(page)).toEqual([]);

    // Sent without the names: the refusal shows beside the field.
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByLabel('Répétez le mot de passe').fill(password);
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.locator('#givenName-error').filter({ hasText: 'Saisissez votre prénom.' }).waitFor();
    expect(await page.getByLabel('Prénom', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);

    await page.getByLabel('Prénom', { exact: true }).fill('  Zoé ');
    await page.getByLabel('Nom', { exact: true }).fill('Favre');
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.getByRole('heading', { name: 'Votre compte est activé' }).waitFor();

    // Log in through Keycloak's pages, with the e-mailed code.
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.locator('#username').fill(email);
    await page.locator('#password').fill(password);
    await page.locator('#kc-login').click();
    await page.locator('#procura-code-form').waitFor();
    const reference = (await page.locator('#procura-code-reference [data-reference]').getAttribute('data-reference')) ?? '';
    await page.locator('input[name="code"]').fill(await waitForLoginCode(email, reference));
    await page.locator('#procura-code-submit').click();
    const updateProfile = page.locator('input[name="firstName"]');
    await Promise.race([page.waitForURL((url) => url.toString().startsWith(stack().publicUrl)), updateProfile.waitFor()]);
    expect(await updateProfile.count(), 'Keycloak shows no update-profile form at login').toBe(0);
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();

    const { rows } = await database().query<{ personId: string; keycloakUserId: string; givenName: string; familyName: string }>(
      'SELECT id AS "personId", keycloak_user_id AS "keycloakUserId", given_name AS "givenName", family_name AS "familyName" FROM person WHERE email = $1',
      [email],
    );
    const person = rows[0]!;
    expect({ givenName: person.givenName, familyName: person.familyName }, 'the model keeps the names').toEqual({ givenName: 'Zoé', familyName: 'Favre' });

    // A change of rights projects the person again.
    await grant(person.personId, organization.id, 'employer-inbox', 'read');
    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
    const user = await keycloakUser(person.keycloakUserId);
    expect({ firstName: user.firstName, lastName: user.lastName }).toEqual({ firstName: 'Zoé', lastName: 'Favre' });
    const { rows: audited } = await database().query(`SELECT after FROM audit_entry WHERE action = 'person.profile_updated' AND subject_id = $1`, [
      person.personId,
    ]);
    expect(audited).toEqual([{ after: { givenName: 'Zoé', familyName: 'Favre' } }]);
  }, 150_000);

  it('the API: names asked only when the invitation has none and no account exists; required, trimmed, bounded; refused when not asked', async () => {
    const asManager = await bearerOf(manager);
    const invite = async (body: Record<string, unknown>): Promise<string> => {
      const address = uniqueEmail('names-api');
      expect((await callApi(asManager, 'post', `/organizations/${organization.id}/invitations`, { email: address, role: 'member', ...body })).status).toBe(201);
      return linkIn(await waitForMail(address, { subject: /^Invitation à rejoindre/ }), `${stack().publicUrl}/invitation#token=`).split('#token=')[1]!;
    };
    const accept = (body: Record<string, unknown>) => callApi('anonymous', 'post', '/invitations/accept', body);
    const preview = async (token: string) => (await callApi('anonymous', 'post', '/invitations/preview', { token })).body.asks;

    const nameless = await invite({});
    const halfNamed = await invite({ familyName: 'Rochat' });
    const named = await invite({ givenName: 'Léa', familyName: 'Rochat' });
    expect(await preview(nameless)).toMatchObject({ names: true, password: true });
    expect(await preview(halfNamed)).toMatchObject({ names: true });
    expect(await preview(named)).toMatchObject({ names: false });

    const missing = await accept({ token: nameless, password, familyName: 'Rochat' });
    expect(missing).toMatchObject({ status: 422, body: { code: 'invitation.given_name_required', field: '/givenName' } });
    expect(missing.body.messages).toEqual({ fr: 'Saisissez votre prénom.', en: 'Enter your given name.' });
    expect(await accept({ token: nameless, password, givenName: 'Léa', familyName: '   ' })).toMatchObject({
      status: 422,
      body: { code: 'invitation.family_name_required', field: '/familyName' },
    });
    expect(await accept({ token: nameless, password, givenName: 'L'.repeat(101), familyName: 'Rochat' })).toMatchObject({
      status: 422,
      body: { code: 'invitation.given_name_too_long', field: '/givenName' },
    });
    expect(await accept({ token: named, password, givenName: 'Autre' })).toMatchObject({
      status: 422,
      body: { code: 'invitation.names_not_expected', field: '/givenName' },
    });
    expect(await accept({ token: named, password })).toMatchObject({ status: 200 });
  }, 60_000);
});
