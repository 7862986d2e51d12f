import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { keycloakUser } from '../helpers/keycloak-user.js';
import { membershipOf } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

/**
 * Issue 16 item 3 in Debian's Chromium against the real stack: a manager edits a member's details
 * in the member's page (ge-edemarches « Modification des informations d'un compte utilisateur »),
 * and sees read-only, with why, the details of a person who also acts for another organization.
 * French and English, at a phone's width, axe-clean.
 */
describe("console: a member's details, edited by a manager", () => {
  let page: Page;
  let organization: TestOrganization;
  let paul: Awaited<ReturnType<typeof createTestMember>>;
  let lea: Awaited<ReturnType<typeof createTestMember>>;
  let marc: Awaited<ReturnType<typeof createTestMember>>;

  const ui = consolePage(async () => {
    organization = await createTestOrganization({ legalName: 'Fiches Plainpalais SA' });
    const other = await createTestOrganization({ legalName: 'Ailleurs Vernier SA' });
    paul = await createTestMember(organization.id, 'legal_representative', 'paul');
    lea = await createTestMember(organization.id, 'member', 'lea');
    marc = await createTestMember(organization.id, 'member', 'marc');
    await database().query(`INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, 'member', 'active')`, [marc.personId, other.id]);
  });
  beforeAll(() => void (page = ui.page));
  const open = async (personId: string) =>
    page.goto(`${page.url().split('#')[0]}#/o/${organization.id}/members/${await membershipOf(personId, organization.id)}`);
  const width = () =>
    page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

  it("R4, R16: at a phone's width, the manager changes names, phone, the secret question with its answer, the code phone and channel; a refusal shows beside its field", async () => {
    await logInThroughConsole(page, paul);
    await page.setViewportSize({ width: 375, height: 740 });
    await open(lea.personId);
    await page.getByRole('heading', { name: 'Informations', level: 2 }).waitFor();
    const form = page.locator('procura-member-details');
    expect(await seriousViolations(page)).toEqual([]);

    // A question without its answer: the API's refusal, under the answer.
    await form.getByLabel('Question secrète').fill('Quel est votre plat préféré ?');
    await form.getByRole('button', { name: 'Enregistrer les informations' }).click();
    await form.locator('#secretAnswer-error').filter({ hasText: 'Donnez la réponse à la question secrète.' }).waitFor();
    expect(await form.getByLabel('Réponse secrète').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);

    await form.getByLabel('Prénom').fill('Léa');
    await form.getByLabel('Nom', { exact: true }).fill('Rochat');
    await form.getByLabel('Téléphone de contact').fill('+41 22 555 01 02');
    await form.getByLabel('Réponse secrète').fill('Fondue');
    await form.getByLabel('Téléphone pour les codes').fill('+41 79 555 01 02');
    await form.getByLabel('Codes de connexion').selectOption('sms');
    await form.getByRole('button', { name: 'Enregistrer les informations' }).click();
    await form.getByText('Informations enregistrées.').waitFor();
    await page.getByRole('heading', { name: 'Léa Rochat', level: 1 }).waitFor();
    expect(await form.getByLabel('Réponse secrète').inputValue()).toBe('');
    const {
      rows: [person],
    } = await database().query('SELECT given_name, family_name, phone, secret_question FROM person WHERE id = $1', [lea.personId]);
    expect(person).toEqual({ given_name: 'Léa', family_name: 'Rochat', phone: '+41225550102', secret_question: 'Quel est votre plat préféré ?' });
    expect((await keycloakUser(lea.keycloakId)).attributes).toMatchObject({ phone_number: ['+41795550102'], phone_number_verified: ['true'] });
    expect(await width()).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);

  it('R4: the details of a person who also acts for another organization are shown read-only, saying why', async () => {
    await open(marc.personId);
    const own = page.locator('procura-member-details');
    await own.getByText('Cette personne agit aussi pour une autre organisation').waitFor();
    expect(await own.getByRole('button', { name: 'Enregistrer les informations' }).count()).toBe(0);
    expect(await own.locator('input').count()).toBe(0);
    await own.getByText(marc.email).waitFor();
    expect(await width()).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('in English: the form, the read-only details and their reason', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    const own = page.locator('procura-member-details');
    await own.getByText('This person also acts for another organization: their details are their own').waitFor();
    await page.getByRole('heading', { name: 'Details', level: 2 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await open(lea.personId);
    await own.getByRole('button', { name: 'Save the details' }).waitFor();
    expect(await own.getByLabel('Login codes').inputValue()).toBe('sms');
    expect(await own.getByLabel('Secret question').inputValue()).toBe('Quel est votre plat préféré ?');
    expect(await width()).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
