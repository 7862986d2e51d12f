import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { waitForMail } from '../helpers/mail.js';
import { membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, uniqueUid, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { registeredUid } from '../helpers/registry.js';
import { database } from '../helpers/stack.js';

const scrollWidth = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

/** « Ajouter une succursale » in a real Chromium at phone width: number, representative, head office people (R9, R11, R16). */
describe('console: adding a branch, in a real browser', () => {
  let page: Page;
  let organization: TestOrganization;
  let manager: Awaited<ReturnType<typeof createTestMember>>;
  let jean: Awaited<ReturnType<typeof createTestMember>>;

  const ui = consolePage(async () => {
    organization = await createTestOrganization({ legalName: 'Branches Rhône SA' });
    manager = await createTestMember(organization.id, 'legal_representative', 'lea');
    jean = await createTestMember(organization.id, 'member', 'jean');
    await subscribe(organization.id, 'employer-inbox');
  });
  beforeAll(() => void (page = ui.page));

  it('R11: a number the registry does not know shows its message under the field, and nothing is added', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await logInThroughConsole(page, manager);
    await page.goto(`${page.url().split('#')[0]}#/o/${organization.id}/units`);
    await page.getByRole('heading', { name: 'Ajouter une succursale ou une antenne' }).waitFor();
    await page.getByRole('checkbox', { name: new RegExp(jean.email) }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Succursale Sion');
    await page.getByRole('combobox', { name: "Type d'identifiant" }).selectOption('uid');
    await page.getByRole('textbox', { name: 'Identifiant propre' }).fill(uniqueUid());
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await expect.poll(() => page.locator('#identifier-error').textContent()).toContain("n'est pas reconnu par le registre");
    expect(await page.getByRole('textbox', { name: 'Identifiant propre' }).getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    expect((await database().query('SELECT 1 FROM unit WHERE organization_id = $1', [organization.id])).rowCount).toBe(0);
  }, 120_000);

  it('R9, R16: with a known number, the representative invited and Jean ticked, the branch is added with both given access', async () => {
    const email = uniqueEmail('branch-rep-ui');
    await page.getByRole('textbox', { name: 'Identifiant propre' }).fill(await registeredUid());
    await page.getByText('Inviter le représentant de la succursale (facultatif)').click();
    await page.getByRole('textbox', { name: 'Prénom' }).fill('Léa');
    await page.locator('#rep-familyName').fill('Roux');
    await page.getByRole('textbox', { name: 'Fonction' }).fill('Gérante');
    await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await page.getByRole('checkbox', { name: new RegExp(jean.email) }).check();
    await page.getByRole('checkbox', { name: /Lire les courriers/ }).check();
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'invitation envoyée' }).textContent()).toContain(email);
    await page.locator('ul.tree').getByText('Succursale Sion').waitFor();
    await waitForMail(email, { subject: /^Invitation à rejoindre Branches Rhône SA/ });
    const held = await database().query('SELECT r.right_id, u.name FROM membership_right r JOIN unit u ON u.id = r.unit_id WHERE r.membership_id = $1', [
      await membershipOf(jean.personId, organization.id),
    ]);
    expect(held.rows).toEqual([{ right_id: 'read', name: 'Succursale Sion' }]);
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);
});
