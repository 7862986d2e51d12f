import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { bearerOf, callApi } from '../helpers/api.js';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { linkIn, waitForMail } from '../helpers/mail.js';
import { membershipOf } from '../helpers/model.js';
import { deactivateMember } from '@procura/sync-service/members/commands';
import { testActor } from '../helpers/actor.js';
import { createTestOrganization, uniqueUid, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator, type TestPerson } from '../helpers/people.js';
import { registeredUid } from '../helpers/registry.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/** The page's width in CSS pixels: nothing may scroll sideways at a phone's width. */
const scrollWidth = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

/**
 * Issue 16's journeys, each played end to end in Debian's Chromium against the real stack at a
 * phone's width, axe-clean on every page: an organization signs up on the public page (fer-ge
 * « Option 1 », fafiec « création de compte », emplois-inclusion « inscription ») and, once the
 * operator validated it, its representative activates the access and gives a first right that a
 * service's token carries.
 */
describe('console: from the public sign-up to the first right in a token', () => {
  let page: Page;
  const ui = consolePage();
  beforeAll(() => void (page = ui.page));

  // R5: a shared address is accepted, with a warning (a unique domain keeps it this test's own).
  const email = `info@parcours-${randomBytes(4).toString('hex')}.example.test`;
  const password = 'Sign-Up-Journey-2026!';
  let identifier = '';
  const legalName = `Menuiserie Parcours ${Date.now().toString(36)} SA`;

  it('R11, R6: a number the registry does not know, or mistyped, is refused under the field, with what to do', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${stack().publicUrl}/`);
    await page.getByRole('link', { name: 'Inscrire mon organisation' }).click();
    await page.getByRole('heading', { name: 'Inscrire mon organisation', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-up');
    expect(await seriousViolations(page)).toEqual([]);

    // Nothing typed: each field says it is required, beside it.
    await page.getByRole('button', { name: "Envoyer l'inscription" }).click();
    await page.locator('#legalName-error').filter({ hasText: 'ce champ est obligatoire' }).waitFor();
    expect(await page.getByLabel('Raison sociale').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Raison sociale').fill(legalName);
    await page.getByLabel('Prénom').fill('Claire');
    await page.getByLabel('Nom', { exact: true }).fill('Rochat');
    await page.getByLabel('Fonction').fill('Gérante');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel("Numéro de l'organisation").fill('CHE-123.456.788');
    await page.getByRole('button', { name: "Envoyer l'inscription" }).click();
    await page.locator('#identifier-error').waitFor();
    expect(await page.getByLabel("Numéro de l'organisation").getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#legalName-error').count()).toBe(0);

    await page.getByLabel("Numéro de l'organisation").fill(uniqueUid());
    await page.getByRole('button', { name: "Envoyer l'inscription" }).click();
    await page.locator('#identifier-error').filter({ hasText: "n'est pas reconnu par le registre officiel" }).waitFor();
    expect(await page.locator('#identifier-error').textContent()).toContain('réessayez dans quelques jours');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    const { rows } = await database().query("SELECT 1 FROM sign_up WHERE representative->>'email' = $1", [email]);
    expect(rows, 'a refused sign-up files nothing').toEqual([]);
  }, 90_000);

  it('R10, R31, R5: a number of the registry files the sign-up: the deadline is shown, the shared address warned of, the acknowledgement mailed', async () => {
    identifier = await registeredUid({ name: legalName });
    await page.getByLabel("Numéro de l'organisation").fill(identifier);
    await page.getByRole('button', { name: "Envoyer l'inscription" }).click();
    await page.getByRole('heading', { name: "Demande d'inscription reçue" }).waitFor();
    const text = (await page.getByRole('status').textContent()) ?? '';
    expect(text).toMatch(/au plus tard le \d{1,2} \S+ \d{4}/);
    expect(text).toContain(email);
    expect(await page.locator('.warning').textContent()).toContain('semble une adresse de service');
    expect(await seriousViolations(page)).toEqual([]);
    await waitForMail(email, { subject: /^Inscription reçue/ });
  }, 60_000);

  it('R10, R16, R15: validated by the operator, the representative activates the access, activates a service, gives a first right; the token carries it', async () => {
    const {
      rows: [signUp],
    } = await database().query<{ id: string }>("SELECT id FROM sign_up WHERE representative->>'email' = $1", [email]);
    const operator = await bearerOf(await createTestOperator());
    const validated = await callApi(operator, 'post', `/operator/sign-ups/${signUp!.id}/validate`, {});
    expect(validated.status).toBe(200);
    const organizationId = validated.body.organizationId as string;
    const mail = await waitForMail(email, { subject: /^Inscription validée/ });
    await page.goto(linkIn(mail, `${stack().publicUrl}/invitation#token=`));
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByLabel('Répétez le mot de passe').fill(password);
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.getByRole('heading', { name: 'Votre compte est activé' }).waitFor();
    await logInThroughConsole(page, { email, password }, true);

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Services' }).click();
    const inbox = page.getByRole('region', { name: 'Vos courriers' });
    await inbox.getByRole('button', { name: 'Activer Vos courriers' }).click();
    await page.getByRole('dialog', { name: 'Activer Vos courriers ?' }).getByRole('button', { name: 'Activer', exact: true }).click();
    await inbox.getByText('Souscrit', { exact: true }).waitFor();

    const {
      rows: [person],
    } = await database().query<{ id: string }>('SELECT id FROM person WHERE email = $1', [email]);
    await page.goto(`${stack().publicUrl}/#/o/${organizationId}/members/${await membershipOf(person!.id, organizationId)}`);
    await page.getByRole('combobox', { name: 'Service' }).selectOption('employer-inbox');
    await page.getByRole('combobox', { name: 'Droit' }).selectOption('read');
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await page.getByRole('button', { name: /Retirer le droit Vos courriers — Lire les courriers/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);

    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organizationId] } });
    const claims = decodePayload(await serviceLogin(stack(), 'employer-inbox', { email, password })) as {
      organizations?: Record<string, { rights?: string[] }>;
    };
    expect(claims.organizations?.[identifier]?.rights).toEqual(['read']);
  }, 240_000);
});

/**
 * R33, peps « Mes intervenants », fer-ge and emplois-inclusion (« adressez-vous à votre requérant »):
 * every person of the organization sees who manages it, and nothing else of the other members.
 */
describe('console: a member sees who manages the organization', () => {
  let page: Page;
  let organization: TestOrganization;
  let member: TestPerson;
  let managers: TestPerson[] = [];
  let colleague: TestPerson;
  const ui = consolePage(async () => {
    organization = await createTestOrganization({ legalName: 'Intervenants Léman SA' });
    managers = [await createTestMember(organization.id, 'legal_representative', 'rep'), await createTestMember(organization.id, 'deputy', 'deputy')];
    const gone = await createTestMember(organization.id, 'manager', 'gone');
    await deactivateMember(database(), testActor, { membershipId: await membershipOf(gone.personId, organization.id) });
    colleague = await createTestMember(organization.id, 'member', 'colleague');
    member = await createTestMember(organization.id, 'member', 'member');
  });
  beforeAll(() => void (page = ui.page));

  it('R33: GET managers answers the managers in force, their names, roles and e-mails only (a deactivated manager and the other members left out)', async () => {
    const answer = await callApi(await bearerOf(member), 'get', `/organizations/${organization.id}/managers`);
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([
      { givenName: managers[0]!.givenName, familyName: managers[0]!.familyName, email: managers[0]!.email, role: 'legal_representative' },
      { givenName: managers[1]!.givenName, familyName: managers[1]!.familyName, email: managers[1]!.email, role: 'deputy' },
    ]);
    expect(JSON.stringify(answer.body)).not.toContain(colleague.email);
  }, 60_000);

  it("R33: the organization page lists them with a link to write to each, at a phone's width, axe-clean", async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await logInThroughConsole(page, member);
    await page.getByRole('heading', { name: "Qui gère l'organisation" }).waitFor();
    const section = page.getByRole('region', { name: "Qui gère l'organisation" });
    await expect
      .poll(() => section.getByRole('listitem').allTextContents())
      .toEqual([
        expect.stringContaining(`${managers[0]!.givenName} ${managers[0]!.familyName}, Requérant`),
        expect.stringContaining(`${managers[1]!.givenName} ${managers[1]!.familyName}, Requérant adjoint`),
      ]);
    expect(await section.getByRole('link', { name: managers[0]!.email }).getAttribute('href')).toBe(`mailto:${managers[0]!.email}`);
    expect(await page.getByText(colleague.email).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  }, 120_000);
});
